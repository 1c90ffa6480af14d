using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Validation;

/// <summary>
/// Decides whether a parsed document can run, and says why not in words a process owner understands.
/// Every check reports against the element id and type so the designer can highlight it.
/// </summary>
internal static class DefinitionValidator
{
    private static readonly HashSet<string> JavaScriptFormats = new(StringComparer.OrdinalIgnoreCase) { "", "javascript", "js", "ecmascript", "text/javascript", "application/javascript" };

    /// <summary>Validates and returns the process to execute, or null when none can be chosen.</summary>
    public static ProcessModel? Validate(BpmnDocument document, string? processId, IDefinitionResolver? resolver, EngineOptions options, ValidationReport report)
    {
        foreach (var (id, type, message) in document.ParseProblems)
            report.Error(string.IsNullOrEmpty(id) ? null : id, type, message);

        var process = ChooseProcess(document, processId, report);
        if (process is null) return null;

        CheckScope(process.Root, process, document, report, isProcess: true);
        CheckCalls(process, document, resolver, report);
        CheckReachability(process, report);
        return process;
    }

    private static ProcessModel? ChooseProcess(BpmnDocument document, string? processId, ValidationReport report)
    {
        if (processId is not null)
        {
            if (document.Processes.TryGetValue(processId, out var chosen)) return chosen;
            report.Error(processId, "process", report.L["The document has no process with id '{0}'.", processId]);
            return null;
        }
        if (document.Processes.Count == 0)
        {
            report.Error(null, "definitions", report.L["The document contains no process."]);
            return null;
        }
        var executable = document.ProcessOrder.Select(id => document.Processes[id]).FirstOrDefault(p => p.IsExecutable);
        if (executable is not null) return executable;
        var first = document.Processes[document.ProcessOrder[0]];
        if (document.Processes.Count > 1)
            report.Warning(first.Id, "process", report.L["None of the {0} processes is marked executable; '{1}' was chosen because it comes first.", document.Processes.Count, first.Id]);
        else
            report.Warning(first.Id, "process", report.L["Process '{0}' is not marked executable (isExecutable=\"true\"); it is run anyway.", first.Id]);
        return first;
    }

    private static void CheckScope(FlowScope scope, ProcessModel process, BpmnDocument document, ValidationReport report, bool isProcess)
    {
        var starts = scope.Nodes.Where(n => n.Kind == NodeKind.StartEvent).ToList();
        if (isProcess && starts.Count == 0)
            report.Error(process.Id, "process", report.L["Process '{0}' has no start event.", process.Id]);
        if (!isProcess && scope.Owner is { TriggeredByEvent: false } owner && starts.Count(s => s.Event?.Kind == EventKind.None) != 1)
            report.Error(owner.Id, owner.ElementType, report.L["Subprocess '{0}' must have exactly one none start event (it has {1}).", owner.Id, starts.Count]);
        if (!isProcess && scope.Owner is { TriggeredByEvent: true } eventSubProcess)
        {
            if (starts.Count != 1)
                report.Error(eventSubProcess.Id, eventSubProcess.ElementType, report.L["Event subprocess '{0}' must have exactly one start event (it has {1}).", eventSubProcess.Id, starts.Count]);
            if (eventSubProcess.Incoming.Count > 0 || eventSubProcess.Outgoing.Count > 0)
                report.Error(eventSubProcess.Id, eventSubProcess.ElementType, report.L["Event subprocess '{0}' must not have sequence flows; it starts by its start event's trigger.", eventSubProcess.Id]);
            if (eventSubProcess.BoundaryEvents.Count > 0)
                report.Error(eventSubProcess.Id, eventSubProcess.ElementType, report.L["Event subprocess '{0}' cannot carry boundary events; put an event subprocess inside it instead.", eventSubProcess.Id]);
        }

        foreach (var node in scope.Nodes)
        {
            CheckSupported(node, isProcess, report);
            CheckConnections(node, report);
            CheckGatewayConditions(node, report);
            CheckKindSpecifics(node, scope, report);
            if (node.ChildScope is not null) CheckScope(node.ChildScope, process, document, report, isProcess: false);
        }
    }

    private static void CheckSupported(FlowNode node, bool isProcessScope, ValidationReport report)
    {
        string? unsupported = node.Kind switch
        {
            NodeKind.Unsupported => report.L["{0} '{1}' is not supported by the WorkflowHost engine.", node.ElementType, node.Id].Value,
            NodeKind.StartEvent when node.Scope.Owner is { TriggeredByEvent: true } => node.Event!.Kind switch
            {
                EventKind.Message or EventKind.Timer or EventKind.Signal or EventKind.Conditional or EventKind.Escalation => null,
                EventKind.Error when node.IsInterrupting => null,
                EventKind.Error => report.L["The error start event '{0}' of an event subprocess must interrupt (isInterrupting=\"true\"); use an escalation start event for a handler that runs beside the work.", node.Id].Value,
                EventKind.Compensate => report.L["A compensation event subprocess ('{0}') is not supported; attach a compensation boundary event to the activity and associate it with a handler activity (isForCompensation=\"true\").", node.Id].Value,
                _ => report.L["A {0} start event ('{1}') cannot start an event subprocess; use a message, timer, signal, conditional, error or escalation start event.", Describe(node.Event.Kind), node.Id].Value,
            },
            NodeKind.StartEvent => node.Event!.Kind switch
            {
                EventKind.None => null,
                EventKind.Message or EventKind.Timer or EventKind.Signal when isProcessScope => null,
                _ when isProcessScope => report.L["A {0} start event ('{1}') is not supported; use a none, message, timer or signal start event, or put the trigger on an event subprocess.", Describe(node.Event.Kind), node.Id].Value,
                _ => report.L["A {0} start event ('{1}') is not supported inside a subprocess, which starts with a none start event; put other triggers on an event subprocess inside it.", Describe(node.Event.Kind), node.Id].Value,
            },
            NodeKind.EndEvent => node.Event!.Kind is EventKind.None or EventKind.Terminate or EventKind.Error or EventKind.Escalation or EventKind.Message or EventKind.Signal or EventKind.Compensate
                ? null : report.L["A {0} end event ('{1}') is not supported; use a none, terminate, error, escalation, compensation, message or signal end event.", Describe(node.Event.Kind), node.Id].Value,
            NodeKind.IntermediateCatchEvent => node.Event!.Kind is EventKind.Timer or EventKind.Message or EventKind.Signal or EventKind.Link or EventKind.Conditional
                ? null : report.L["A {0} intermediate catch event ('{1}') is not supported; timer, message, signal, link and conditional are.", Describe(node.Event.Kind), node.Id].Value,
            NodeKind.IntermediateThrowEvent => node.Event!.Kind is EventKind.None or EventKind.Link or EventKind.Message or EventKind.Signal or EventKind.Escalation or EventKind.Compensate
                ? null : report.L["A {0} intermediate throw event ('{1}') is not supported; none, link, message, signal, escalation and compensation are.", Describe(node.Event.Kind), node.Id].Value,
            NodeKind.BoundaryEvent => node.Event!.Kind is EventKind.Timer or EventKind.Message or EventKind.Error or EventKind.Escalation or EventKind.Signal or EventKind.Conditional or EventKind.Compensate
                ? null : report.L["A {0} boundary event ('{1}') is not supported; timer, message, signal, conditional, error, escalation and compensation are.", Describe(node.Event.Kind), node.Id].Value,
            NodeKind.ScriptTask when !JavaScriptFormats.Contains(node.ScriptFormat ?? "") =>
                report.L["Script task '{0}' is written in '{1}'; only JavaScript scripts run.", node.Id, node.ScriptFormat ?? ""].Value,
            _ => null,
        };
        if (unsupported is not null) report.Error(node.Id, node.ElementType, unsupported);
    }

    private static string Describe(EventKind kind) => kind switch
    {
        EventKind.Multiple => "multiple",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static void CheckConnections(FlowNode node, ValidationReport report)
    {
        if (node.IsForCompensation)
        {
            // A compensation handler runs only when its activity is compensated, and ends there.
            if (node.Incoming.Count > 0 || node.Outgoing.Count > 0)
                report.Error(node.Id, node.ElementType, report.L["Compensation handler {0} must not have sequence flows; it is reached by the association from a compensation boundary event.", Label(node, report)]);
            return;
        }
        if (node.Kind == NodeKind.BoundaryEvent && node.Event?.Kind == EventKind.Compensate)
        {
            if (node.Outgoing.Count > 0)
                report.Error(node.Id, node.ElementType, report.L["Compensation boundary event '{0}' must not have outgoing sequence flows; associate it with its handler activity instead.", node.Id]);
            return;
        }
        var isStartLike = node.Kind is NodeKind.StartEvent or NodeKind.BoundaryEvent
            || (node.Kind == NodeKind.IntermediateCatchEvent && node.Event?.Kind == EventKind.Link)
            || node.TriggeredByEvent;
        if (!isStartLike && node.Incoming.Count == 0)
            report.Error(node.Id, node.ElementType, report.L["{0} has no incoming sequence flow, so it can never run.", Label(node, report)]);
        if (node.Kind == NodeKind.StartEvent && node.Incoming.Count > 0)
            report.Error(node.Id, node.ElementType, report.L["Start event '{0}' must not have incoming sequence flows.", node.Id]);

        var isEndLike = node.Kind == NodeKind.EndEvent
            || (node.Kind == NodeKind.IntermediateThrowEvent && node.Event?.Kind == EventKind.Link)
            || node.TriggeredByEvent;
        if (isEndLike || node.Outgoing.Count > 0) return;
        if (node.Kind.IsGateway() || node.Kind is NodeKind.StartEvent or NodeKind.BoundaryEvent)
            report.Error(node.Id, node.ElementType, report.L["{0} has no outgoing sequence flow.", Label(node, report)]);
        else
            report.Warning(node.Id, node.ElementType, report.L["{0} has no outgoing sequence flow; its path ends there as if at an end event.", Label(node, report)]);
    }

    private static void CheckGatewayConditions(FlowNode node, ValidationReport report)
    {
        if (node.Kind is NodeKind.ExclusiveGateway or NodeKind.InclusiveGateway && node.Outgoing.Count > 1)
        {
            foreach (var flow in node.Outgoing)
                if (flow.ConditionText is null && flow != node.DefaultFlow)
                    report.Error(flow.Id, "sequenceFlow",
                        report.L["Sequence flow '{0}'{1} leaves {2} '{3}' without a condition and is not its default flow; give it a condition or make it the default.", flow.Id, NameSuffix(flow), Kind(node, report), node.Id]);
        }
        if (node.Kind == NodeKind.ParallelGateway)
            foreach (var flow in node.Outgoing.Where(f => f.ConditionText is not null))
                report.Warning(flow.Id, "sequenceFlow", report.L["The condition on sequence flow '{0}' is ignored: flows leaving a parallel gateway are always taken.", flow.Id]);
    }

    private static void CheckKindSpecifics(FlowNode node, FlowScope scope, ValidationReport report)
    {
        switch (node.Kind)
        {
            case NodeKind.ServiceTask or NodeKind.BusinessRuleTask when string.IsNullOrWhiteSpace(node.Topic):
                report.Error(node.Id, node.ElementType, report.L["{0} does not name its handler: set camunda:topic (external task topic), e.g. camunda:type=\"external\" camunda:topic=\"send-sms\".", Label(node, report)]);
                break;
            case NodeKind.CallActivity when string.IsNullOrWhiteSpace(node.CalledElement):
                report.Error(node.Id, node.ElementType, report.L["Call activity '{0}' does not say which process it calls (calledElement is empty).", node.Id]);
                break;
            case NodeKind.BoundaryEvent when node.AttachedTo is { } host && !host.Kind.IsActivity():
                report.Error(node.Id, node.ElementType, report.L["Boundary event '{0}' is attached to {1}, which is not an activity.", node.Id, host]);
                break;
            case NodeKind.BoundaryEvent when node.Event?.Kind == EventKind.Compensate && node.CompensationHandler is not { IsForCompensation: true }:
                report.Error(node.Id, node.ElementType, node.CompensationHandler is null
                    ? report.L["Compensation boundary event '{0}' has no handler: draw an association from it to an activity marked isForCompensation=\"true\".", node.Id]
                    : report.L["The handler '{0}' of compensation boundary event '{1}' is not marked isForCompensation=\"true\".", node.CompensationHandler.Id, node.Id]);
                break;
            case NodeKind.IntermediateThrowEvent or NodeKind.EndEvent when node.Event is { Kind: EventKind.Compensate, ActivityRef: { } activityRef }
                && !scope.NodesById.ContainsKey(activityRef) && !(scope.Owner is { TriggeredByEvent: true } eventSubProcess && eventSubProcess.Scope.NodesById.ContainsKey(activityRef)):
                report.Error(node.Id, node.ElementType, report.L["Compensation event '{0}' compensates '{1}', which is not an activity in the same scope; leave activityRef empty to compensate the whole scope.", node.Id, activityRef]);
                break;
            case NodeKind.BoundaryEvent when node.Event?.Kind == EventKind.Error && !node.CancelActivity:
                report.Error(node.Id, node.ElementType, report.L["Error boundary event '{0}' must interrupt its activity (cancelActivity=\"true\").", node.Id]);
                break;
            case NodeKind.EventBasedGateway:
                foreach (var flow in node.Outgoing)
                {
                    var target = flow.Target;
                    var ok = target is not null && (target.Kind == NodeKind.ReceiveTask
                        || (target.Kind == NodeKind.IntermediateCatchEvent && target.Event?.Kind is EventKind.Message or EventKind.Timer or EventKind.Signal or EventKind.Conditional));
                    if (!ok)
                        report.Error(flow.Id, "sequenceFlow", report.L["Event-based gateway '{0}' must lead only to message, timer, signal or conditional catch events or receive tasks; '{1}' is not one.", node.Id, flow.TargetRef]);
                }
                break;
            case NodeKind.IntermediateThrowEvent when node.Event?.Kind == EventKind.Link:
                var name = node.Event.LinkName;
                if (!scope.Nodes.Any(n => n.Kind == NodeKind.IntermediateCatchEvent && n.Event?.Kind == EventKind.Link && n.Event.LinkName == name))
                    report.Error(node.Id, node.ElementType, report.L["Link throw event '{0}' jumps to link '{1}', but no link catch event of that name is in the same scope.", node.Id, name ?? ""]);
                break;
        }
        if (node.Loop is { IsMultiInstance: true } loop && loop.LoopCardinality is null && loop.Collection is null)
            report.Error(node.Id, node.ElementType, report.L["Multi-instance {0} needs a loop cardinality or a collection (camunda:collection).", Label(node, report)]);
        if (node.Kind == NodeKind.UserTask && node.Assignment?.DueDate is { } due && node.Assignment.DueDateExpression is null
            && !Timers.TimerExpression.TryParse(Timers.TimerKind.Date, due, TimeZoneInfo.Utc, out _, out _)
            && !Timers.TimerExpression.TryParse(Timers.TimerKind.Duration, due, TimeZoneInfo.Utc, out _, out _))
            report.Error(node.Id, node.ElementType, report.L["The due date '{0}' of {1} is neither an ISO 8601 date nor a duration (e.g. P3D) nor an expression.", due, Label(node, report)]);
        if (node.Kind == NodeKind.UserTask && node.Assignment is { } working)
            CheckWorkingTime(node, working, report);
    }

    /// <summary><c>wh:workingDays</c> / <c>wh:workingHours</c>: one due-date notation per task, and literals that count.</summary>
    private static void CheckWorkingTime(FlowNode node, TaskAssignment assignment, ValidationReport report)
    {
        if (assignment.WorkingDays is not null && assignment.WorkingHours is not null)
            report.Error(node.Id, node.ElementType, report.L["{0} gives both wh:workingDays and wh:workingHours; keep one.", Label(node, report)]);
        if (assignment.DueDate is not null && (assignment.WorkingDays ?? assignment.WorkingHours) is not null)
            report.Error(node.Id, node.ElementType, report.L["{0} gives both camunda:dueDate and a working-time due date (wh:workingDays or wh:workingHours); keep one.", Label(node, report)]);
        if (assignment is { WorkingDays: { } days, WorkingDaysExpression: null } && !Timers.WorkingTimeText.TryDays(days, out _))
            report.Error(node.Id, node.ElementType, report.L["wh:workingDays '{0}' of {1} is not a whole number of working days of at least 1 (e.g. 3) nor an expression.", days, Label(node, report)]);
        if (assignment is { WorkingHours: { } hours, WorkingHoursExpression: null } && !Timers.WorkingTimeText.TryHours(hours, out _))
            report.Error(node.Id, node.ElementType, report.L["wh:workingHours '{0}' of {1} is not a number of working hours above 0 (e.g. 4 or 1.5) nor an expression.", hours, Label(node, report)]);
    }

    private static void CheckCalls(ProcessModel process, BpmnDocument document, IDefinitionResolver? resolver, ValidationReport report)
    {
        foreach (var node in process.AllNodes.Values.Where(n => n.Kind == NodeKind.CallActivity && !string.IsNullOrWhiteSpace(n.CalledElement)))
        {
            var target = node.CalledElement!;
            if (ExpressionLooksDynamic(target)) continue;
            if (!document.Processes.ContainsKey(target) && resolver?.Resolve(target, null) is null)
                report.Error(node.Id, node.ElementType, report.L["Call activity '{0}' calls process '{1}', which is neither in this document nor published.", node.Id, target]);
        }
        // A cycle of calls inside one document can never finish; calls across deployments are guarded at run time.
        var path = new List<string>();
        if (FindCallCycle(process.Id, document, path, new HashSet<string>(StringComparer.Ordinal)))
            report.Error(process.Id, "process", report.L["Call activities form a cycle ({0}); the process would call itself forever.", string.Join(" -> ", path)]);
    }

    private static bool ExpressionLooksDynamic(string text) => text.Contains("${", StringComparison.Ordinal);

    private static bool FindCallCycle(string processId, BpmnDocument document, List<string> path, HashSet<string> done)
    {
        if (path.Contains(processId)) { path.Add(processId); return true; }
        if (!done.Add(processId) || !document.Processes.TryGetValue(processId, out var process)) return false;
        path.Add(processId);
        foreach (var call in process.AllNodes.Values.Where(n => n.Kind == NodeKind.CallActivity && n.CalledElement is not null))
        {
            if (path.Contains(call.CalledElement!)) { path.Add(call.CalledElement!); return true; }
            if (FindCallCycle(call.CalledElement!, document, path, done)) return true;
        }
        path.RemoveAt(path.Count - 1);
        return false;
    }

    private static void CheckReachability(ProcessModel process, ValidationReport report)
    {
        var reached = new HashSet<FlowNode>();
        var queue = new Queue<FlowNode>();
        void Visit(FlowNode n) { if (reached.Add(n)) queue.Enqueue(n); }
        foreach (var start in process.Root.Nodes.Where(n => n.Kind == NodeKind.StartEvent || n.TriggeredByEvent)) Visit(start);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var flow in node.Outgoing) if (flow.Target is not null) Visit(flow.Target);
            foreach (var boundary in node.BoundaryEvents) Visit(boundary);
            if (node.ChildScope is not null)
                foreach (var inner in node.ChildScope.Nodes.Where(n => n.Kind == NodeKind.StartEvent || n.TriggeredByEvent)) Visit(inner);
            if (node.Kind == NodeKind.IntermediateThrowEvent && node.Event?.Kind == EventKind.Link)
                foreach (var target in node.Scope.Nodes.Where(n => n.Kind == NodeKind.IntermediateCatchEvent && n.Event?.Kind == EventKind.Link && n.Event.LinkName == node.Event.LinkName))
                    Visit(target);
        }
        foreach (var node in process.AllNodes.Values)
            if (!reached.Contains(node) && node.Incoming.Count > 0)
                report.Warning(node.Id, node.ElementType, report.L["{0} can never be reached from a start event.", Label(node, report)]);
    }

    /// <summary>"UserTask 'appraise' ("Thẩm định")": the element's kind in the catalogue's language, its id and name.</summary>
    private static string Label(FlowNode node, ValidationReport report)
    {
        var word = Kind(node, report);
        return $"{char.ToUpperInvariant(word[0])}{word[1..]} '{node.Id}'{(node.Name is { Length: > 0 } n ? $" (\"{n}\")" : "")}";
    }

    /// <summary>The element's kind as the catalogue names it ("cổng rẽ nhánh"); the BPMN type itself in English.</summary>
    private static string Kind(FlowNode node, ValidationReport report) =>
        report.L[node.ElementType] is { ResourceNotFound: false } kind ? kind.Value : node.ElementType;

    private static string NameSuffix(SequenceFlow flow) => flow.Name is { Length: > 0 } n ? $" (\"{n}\")" : "";
}
