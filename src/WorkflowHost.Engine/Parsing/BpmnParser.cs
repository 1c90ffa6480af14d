using System.Xml.Linq;
using WorkflowHost.Engine.Model;
using WorkflowHost.Engine.Validation;

namespace WorkflowHost.Engine.Parsing;

/// <summary>
/// Turns BPMN 2.0 XML into the immutable model. It only reads structure: references are linked here, but
/// judging whether the model can run is the validator's job, so a model with unsupported parts still loads.
/// </summary>
internal static class BpmnParser
{
    private static readonly XNamespace Bpmn = BpmnNamespaces.Model;
    private static readonly XNamespace Camunda = BpmnNamespaces.Camunda;
    private static readonly XNamespace Wh = BpmnNamespaces.WorkflowHost;

    private static readonly Dictionary<string, NodeKind> NodeKindsByName = new(StringComparer.Ordinal)
    {
        ["startEvent"] = NodeKind.StartEvent,
        ["endEvent"] = NodeKind.EndEvent,
        ["intermediateCatchEvent"] = NodeKind.IntermediateCatchEvent,
        ["intermediateThrowEvent"] = NodeKind.IntermediateThrowEvent,
        ["boundaryEvent"] = NodeKind.BoundaryEvent,
        ["task"] = NodeKind.Task,
        ["userTask"] = NodeKind.UserTask,
        ["manualTask"] = NodeKind.ManualTask,
        ["serviceTask"] = NodeKind.ServiceTask,
        ["scriptTask"] = NodeKind.ScriptTask,
        ["sendTask"] = NodeKind.SendTask,
        ["receiveTask"] = NodeKind.ReceiveTask,
        ["businessRuleTask"] = NodeKind.BusinessRuleTask,
        ["exclusiveGateway"] = NodeKind.ExclusiveGateway,
        ["parallelGateway"] = NodeKind.ParallelGateway,
        ["inclusiveGateway"] = NodeKind.InclusiveGateway,
        ["eventBasedGateway"] = NodeKind.EventBasedGateway,
        ["subProcess"] = NodeKind.SubProcess,
        ["callActivity"] = NodeKind.CallActivity,
        ["complexGateway"] = NodeKind.Unsupported,
        ["transaction"] = NodeKind.Unsupported,
        ["adHocSubProcess"] = NodeKind.Unsupported,
        ["callChoreography"] = NodeKind.Unsupported,
        ["subChoreography"] = NodeKind.Unsupported,
        ["choreographyTask"] = NodeKind.Unsupported,
        ["implicitThrowEvent"] = NodeKind.Unsupported,
    };

    /// <summary>Parses the document, or records why it cannot and returns null.</summary>
    public static BpmnDocument? TryParse(string xml, EngineOptions options, ValidationReport report)
    {
        try
        {
            return Parse(xml, options);
        }
        catch (BpmnParseException ex)
        {
            report.Error(null, null, ex.Message);
            return null;
        }
    }

    public static BpmnDocument Parse(string xml, EngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var xdoc = SafeXmlLoader.Load(xml, options.MaxDocumentBytes, options.MaxXmlDepth);
        var root = xdoc.Root!;
        if (root.Name != Bpmn + "definitions")
            throw new BpmnParseException(
                $"The document is not BPMN 2.0: its root element is '{root.Name.LocalName}' in namespace '{root.Name.NamespaceName}', expected 'definitions' in '{Bpmn.NamespaceName}'.");

        var document = new BpmnDocument { SourceXml = xml, DefinitionsId = (string?)root.Attribute("id") };
        foreach (var message in root.Elements(Bpmn + "message"))
            if (Id(message) is { } id) document.MessageNames[id] = (string?)message.Attribute("name") ?? id;
        foreach (var error in root.Elements(Bpmn + "error"))
            if (Id(error) is { } id) document.Errors[id] = ((string?)error.Attribute("name"), (string?)error.Attribute("errorCode"));
        foreach (var escalation in root.Elements(Bpmn + "escalation"))
            if (Id(escalation) is { } id) document.Escalations[id] = ((string?)escalation.Attribute("name"), (string?)escalation.Attribute("escalationCode"));
        foreach (var signal in root.Elements(Bpmn + "signal"))
            if (Id(signal) is { } id) document.SignalNames[id] = (string?)signal.Attribute("name") ?? id;

        foreach (var processElement in root.Elements(Bpmn + "process"))
        {
            var id = Id(processElement);
            if (id is null)
            {
                document.ParseProblems.Add(("", "process", "A process has no id."));
                continue;
            }
            var scope = new FlowScope { Id = id };
            var process = new ProcessModel
            {
                Id = id,
                Name = (string?)processElement.Attribute("name"),
                IsExecutable = Bool(processElement, "isExecutable", id, document) ?? false,
                Root = scope,
            };
            new ScopeReader(document, process, options).Read(processElement, scope);
            document.Processes[id] = process;
            document.ProcessOrder.Add(id);
        }
        return document;
    }

    private static string? Id(XElement element) => (string?)element.Attribute("id");

    /// <summary>Reads the flow elements of one process, recursing into subprocesses.</summary>
    private sealed class ScopeReader(BpmnDocument document, ProcessModel process, EngineOptions options)
    {
        public void Read(XElement container, FlowScope scope)
        {
            var flowElements = new List<XElement>();
            var associations = new List<XElement>();
            foreach (var child in container.Elements())
            {
                if (child.Name.Namespace != Bpmn) continue; // foreign extensions are kept in the source, ignored here
                var local = child.Name.LocalName;
                if (local == "sequenceFlow") flowElements.Add(child);
                else if (local == "association") associations.Add(child);
                else if (NodeKindsByName.TryGetValue(local, out var kind)) AddNode(child, kind, scope);
            }
            foreach (var flowElement in flowElements) AddFlow(flowElement, scope);
            LinkScope(scope);
            foreach (var association in associations) LinkCompensationHandler(association);
        }

        /// <summary>An association from a compensation boundary event names the activity that compensates its host.</summary>
        private void LinkCompensationHandler(XElement association)
        {
            var source = (string?)association.Attribute("sourceRef");
            var target = (string?)association.Attribute("targetRef");
            if (source is null || target is null) return;
            if (!process.AllNodes.TryGetValue(source, out var boundary) || boundary.Kind != NodeKind.BoundaryEvent || boundary.Event?.Kind != EventKind.Compensate) return;
            if (process.AllNodes.TryGetValue(target, out var handler)) boundary.CompensationHandler = handler;
        }

        private void AddNode(XElement element, NodeKind kind, FlowScope scope)
        {
            var id = Id(element);
            if (id is null)
            {
                document.ParseProblems.Add(("", element.Name.LocalName, $"A {element.Name.LocalName} has no id."));
                return;
            }
            if (process.AllNodes.ContainsKey(id) || process.AllFlows.ContainsKey(id))
            {
                document.ParseProblems.Add((id, element.Name.LocalName, $"The id '{id}' is used by more than one element."));
                return;
            }
            if (kind == NodeKind.Unsupported)
                document.UnsupportedElements.Add((id, element.Name.LocalName, scope.Id));

            var triggeredByEvent = Bool(element, "triggeredByEvent", id, document) ?? false;

            var node = new FlowNode
            {
                Id = id,
                Kind = kind,
                ElementType = element.Name.LocalName,
                Name = (string?)element.Attribute("name"),
                Extensions = ReadExtensionAttributes(element),
                DefaultFlowId = (string?)element.Attribute("default"),
                Event = ReadEvent(element, id),
                AttachedToRef = (string?)element.Attribute("attachedToRef"),
                CancelActivity = Bool(element, "cancelActivity", id, document) ?? true,
                IsInterrupting = Bool(element, "isInterrupting", id, document) ?? true,
                Loop = LoopReader.Read(element, id, document),
                InputMappings = MappingReader.ReadInputOutput(element, "inputParameter", id, document),
                OutputMappings = MappingReader.ReadInputOutput(element, "outputParameter", id, document),
                Assignment = kind == NodeKind.UserTask ? ReadAssignment(element, id) : null,
                Topic = Attr(element, "topic"),
                ScriptFormat = (string?)element.Attribute("scriptFormat"),
                ScriptText = kind == NodeKind.ScriptTask ? element.Element(Bpmn + "script")?.Value : null,
                Script = kind == NodeKind.ScriptTask ? ExpressionReader.Compile(element.Element(Bpmn + "script")?.Value, Expressions.ExpressionKind.Script, id, element.Name.LocalName, document) : null,
                ResultVariable = Attr(element, "resultVariable"),
                MessageName = ResolveMessage((string?)element.Attribute("messageRef"), id, element.Name.LocalName),
                TriggeredByEvent = triggeredByEvent,
                IsForCompensation = Bool(element, "isForCompensation", id, document) ?? false,
                CalledElement = (string?)element.Attribute("calledElement"),
                CallInputs = kind == NodeKind.CallActivity ? MappingReader.ReadCallMappings(element, "in", id, document) : [],
                CallOutputs = kind == NodeKind.CallActivity ? MappingReader.ReadCallMappings(element, "out", id, document) : [],
            };
            node.Scope = scope;
            scope.Nodes.Add(node);
            scope.NodesById[id] = node;
            process.AllNodes[id] = node;
            if (kind == NodeKind.SubProcess)
            {
                node.ChildScope = new FlowScope { Id = id, Owner = node };
                Read(element, node.ChildScope);
                if (triggeredByEvent) scope.EventSubProcesses.Add(node);
            }
        }

        private void AddFlow(XElement element, FlowScope scope)
        {
            var id = Id(element);
            var source = (string?)element.Attribute("sourceRef");
            var target = (string?)element.Attribute("targetRef");
            if (id is null || source is null || target is null)
            {
                document.ParseProblems.Add((id ?? "", "sequenceFlow", $"Sequence flow '{id}' needs an id, a sourceRef and a targetRef."));
                return;
            }
            if (process.AllNodes.ContainsKey(id) || process.AllFlows.ContainsKey(id))
            {
                document.ParseProblems.Add((id, "sequenceFlow", $"The id '{id}' is used by more than one element."));
                return;
            }
            var conditionText = element.Element(Bpmn + "conditionExpression")?.Value;
            var flow = new SequenceFlow
            {
                Id = id,
                Name = (string?)element.Attribute("name"),
                ElementType = "sequenceFlow",
                SourceRef = source,
                TargetRef = target,
                ConditionText = string.IsNullOrWhiteSpace(conditionText) ? null : conditionText.Trim(),
            };
            if (flow.ConditionText is not null)
                flow.Condition = ExpressionReader.Compile(flow.ConditionText, Expressions.ExpressionKind.Expression, id, "sequenceFlow", document);
            scope.Flows.Add(flow);
            process.AllFlows[id] = flow;
        }

        private void LinkScope(FlowScope scope)
        {
            foreach (var flow in scope.Flows)
            {
                var sourceOk = scope.NodesById.TryGetValue(flow.SourceRef, out var source);
                var targetOk = scope.NodesById.TryGetValue(flow.TargetRef, out var target);
                if (!sourceOk || !targetOk)
                {
                    var missing = !sourceOk ? flow.SourceRef : flow.TargetRef;
                    var elsewhere = process.AllNodes.ContainsKey(missing) ? " (it is in a different subprocess; sequence flows cannot cross subprocess borders)" : "";
                    document.ParseProblems.Add((flow.Id, "sequenceFlow", $"Sequence flow '{flow.Id}' refers to '{missing}', which does not exist in the same scope{elsewhere}."));
                    continue;
                }
                flow.Source = source!;
                flow.Target = target!;
                flow.IncomingIndex = target!.Incoming.Count;
                source!.Outgoing.Add(flow);
                target.Incoming.Add(flow);
            }
            foreach (var node in scope.Nodes)
            {
                if (node.DefaultFlowId is { } defaultId)
                {
                    node.DefaultFlow = node.Outgoing.Find(f => f.Id == defaultId);
                    if (node.DefaultFlow is null)
                        document.ParseProblems.Add((node.Id, node.ElementType, $"The default flow '{defaultId}' of {node} is not one of its outgoing sequence flows."));
                }
                if (node.Kind == NodeKind.BoundaryEvent)
                {
                    if (node.AttachedToRef is { } host && scope.NodesById.TryGetValue(host, out var hostNode))
                    {
                        node.AttachedTo = hostNode;
                        hostNode.BoundaryEvents.Add(node);
                    }
                    else
                        document.ParseProblems.Add((node.Id, node.ElementType, $"Boundary event '{node.Id}' is attached to '{node.AttachedToRef}', which is not an activity in the same scope."));
                }
            }
        }

        private EventDefinition? ReadEvent(XElement element, string id)
        {
            var kindName = element.Name.LocalName;
            if (!kindName.EndsWith("Event", StringComparison.Ordinal))
                return null;
            var definitions = element.Elements().Where(e => e.Name.Namespace == Bpmn && e.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal)).ToList();
            if (definitions.Count == 0) return new EventDefinition { Kind = EventKind.None };
            if (definitions.Count > 1) return new EventDefinition { Kind = EventKind.Multiple };
            var definition = definitions[0];
            var eventName = (string?)element.Attribute("name");
            switch (definition.Name.LocalName)
            {
                case "messageEventDefinition":
                    var messageRef = (string?)definition.Attribute("messageRef");
                    // Without a messageRef the event's own name is the message name (SpiffWorkflow and bpmn-js habit).
                    var messageName = messageRef is null ? eventName ?? id : ResolveMessage(messageRef, id, kindName);
                    return new EventDefinition { Kind = EventKind.Message, MessageName = messageName };
                case "timerEventDefinition":
                    return TimerReader.Read(definition, id, kindName, document, options.TimeZone);
                case "errorEventDefinition":
                    var errorRef = (string?)definition.Attribute("errorRef");
                    string? code = null;
                    if (errorRef is not null)
                    {
                        if (document.Errors.TryGetValue(errorRef, out var error)) code = error.Code ?? error.Name ?? errorRef;
                        else document.ParseProblems.Add((id, kindName, $"{kindName} '{id}' refers to error '{errorRef}', which is not defined in the document."));
                    }
                    return new EventDefinition { Kind = EventKind.Error, ErrorRef = errorRef, ErrorCode = code };
                case "signalEventDefinition":
                    var signalRef = (string?)definition.Attribute("signalRef");
                    string? signalName = eventName ?? id;
                    if (signalRef is not null)
                    {
                        if (document.SignalNames.TryGetValue(signalRef, out var name)) signalName = name;
                        else document.ParseProblems.Add((id, kindName, $"{kindName} '{id}' refers to signal '{signalRef}', which is not defined in the document."));
                    }
                    return new EventDefinition { Kind = EventKind.Signal, SignalName = signalName };
                case "terminateEventDefinition":
                    return new EventDefinition { Kind = EventKind.Terminate };
                case "linkEventDefinition":
                    return new EventDefinition { Kind = EventKind.Link, LinkName = (string?)definition.Attribute("name") ?? eventName };
                case "conditionalEventDefinition":
                    var conditionText = definition.Element(Bpmn + "condition")?.Value;
                    return new EventDefinition
                    {
                        Kind = EventKind.Conditional,
                        ConditionText = conditionText,
                        Condition = ExpressionReader.Compile(conditionText, Expressions.ExpressionKind.Expression, id, kindName, document),
                    };
                case "escalationEventDefinition":
                    var escalationRef = (string?)definition.Attribute("escalationRef");
                    string? escalationCode = null;
                    if (escalationRef is not null)
                    {
                        if (document.Escalations.TryGetValue(escalationRef, out var escalation)) escalationCode = escalation.Code ?? escalation.Name ?? escalationRef;
                        else document.ParseProblems.Add((id, kindName, $"{kindName} '{id}' refers to escalation '{escalationRef}', which is not defined in the document."));
                    }
                    return new EventDefinition { Kind = EventKind.Escalation, EscalationCode = escalationCode };
                case "compensateEventDefinition":
                    return new EventDefinition
                    {
                        Kind = EventKind.Compensate,
                        ActivityRef = (string?)definition.Attribute("activityRef"),
                        WaitForCompletion = !string.Equals((string?)definition.Attribute("waitForCompletion"), "false", StringComparison.OrdinalIgnoreCase),
                    };
                case "cancelEventDefinition": return new EventDefinition { Kind = EventKind.Cancel };
                default: return new EventDefinition { Kind = EventKind.Multiple };
            }
        }

        private string? ResolveMessage(string? messageRef, string id, string elementType)
        {
            if (messageRef is null) return null;
            if (document.MessageNames.TryGetValue(messageRef, out var name)) return name;
            document.ParseProblems.Add((id, elementType, $"{elementType} '{id}' refers to message '{messageRef}', which is not defined in the document."));
            return messageRef;
        }

        private TaskAssignment ReadAssignment(XElement element, string id)
        {
            var groups = Attr(element, "candidateGroups");
            var users = Attr(element, "candidateUsers");
            var assignee = Attr(element, "assignee");
            var due = Attr(element, "dueDate");
            var workingDays = (string?)element.Attribute(Wh + "workingDays");
            var workingHours = (string?)element.Attribute(Wh + "workingHours");
            var type = element.Name.LocalName;
            return new TaskAssignment(groups, users, assignee, Attr(element, "formKey"), due, Attr(element, "priority"))
            {
                CandidateGroupsExpression = ExpressionReader.CompileIfExpression(groups, id, type, document),
                CandidateUsersExpression = ExpressionReader.CompileIfExpression(users, id, type, document),
                AssigneeExpression = ExpressionReader.CompileIfExpression(assignee, id, type, document),
                DueDateExpression = ExpressionReader.CompileIfExpression(due, id, type, document),
                WorkingDays = workingDays,
                WorkingDaysExpression = ExpressionReader.CompileIfExpression(workingDays, id, type, document),
                WorkingHours = workingHours,
                WorkingHoursExpression = ExpressionReader.CompileIfExpression(workingHours, id, type, document),
            };
        }
    }

    /// <summary>Reads an attribute from the Camunda namespace, falling back to the WorkflowHost one.</summary>
    /// <summary>
    /// An xsd:boolean attribute (true, false, 1, 0). Anything else is recorded as a problem naming the element — a
    /// 422 at deployment — instead of escaping as a FormatException.
    /// </summary>
    internal static bool? Bool(XElement element, string attribute, string elementId, BpmnDocument document, string? elementType = null)
    {
        var raw = (string?)element.Attribute(attribute);
        if (raw is null) return null;
        switch (raw.Trim())
        {
            case "true" or "1": return true;
            case "false" or "0": return false;
        }
        var type = elementType ?? element.Name.LocalName;
        document.ParseProblems.Add((elementId, type, $"The attribute {attribute}=\"{Shorten(raw)}\" of {type} '{elementId}' is not a boolean; write true or false."));
        return null;
    }

    /// <summary>An xsd:integer attribute; anything else is recorded as a problem naming the element.</summary>
    internal static int? Int(XElement element, string attribute, string elementId, BpmnDocument document, string? elementType = null)
    {
        var raw = (string?)element.Attribute(attribute);
        if (raw is null) return null;
        if (int.TryParse(raw.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value)) return value;
        var type = elementType ?? element.Name.LocalName;
        document.ParseProblems.Add((elementId, type, $"The attribute {attribute}=\"{Shorten(raw)}\" of {type} '{elementId}' is not a whole number."));
        return null;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    internal static string? Attr(XElement element, string localName) =>
        (string?)element.Attribute(Camunda + localName) ?? (string?)element.Attribute(Wh + localName);

    private static IReadOnlyDictionary<string, string> ReadExtensionAttributes(XElement element)
    {
        Dictionary<string, string>? result = null;
        foreach (var attribute in element.Attributes())
        {
            if (attribute.Name.Namespace != Camunda && attribute.Name.Namespace != Wh) continue;
            (result ??= new Dictionary<string, string>(StringComparer.Ordinal))[attribute.Name.LocalName] = attribute.Value;
        }
        var properties = element.Element(Bpmn + "extensionElements")?.Element(Camunda + "properties");
        if (properties is not null)
            foreach (var property in properties.Elements(Camunda + "property"))
                if ((string?)property.Attribute("name") is { } name)
                    (result ??= new Dictionary<string, string>(StringComparer.Ordinal))["property:" + name] = (string?)property.Attribute("value") ?? "";
        return result ?? FlowElement.EmptyExtensions;
    }
}
