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
            report.Error(processId, "process", $"The document has no process with id '{processId}'.");
            return null;
        }
        if (document.Processes.Count == 0)
        {
            report.Error(null, "definitions", "The document contains no process.");
            return null;
        }
        var executable = document.ProcessOrder.Select(id => document.Processes[id]).FirstOrDefault(p => p.IsExecutable);
        if (executable is not null) return executable;
        var first = document.Processes[document.ProcessOrder[0]];
        if (document.Processes.Count > 1)
            report.Warning(first.Id, "process", $"None of the {document.Processes.Count} processes is marked executable; '{first.Id}' was chosen because it comes first.");
        else
            report.Warning(first.Id, "process", $"Process '{first.Id}' is not marked executable (isExecutable=\"true\"); it is run anyway.");
        return first;
    }

    private static void CheckScope(FlowScope scope, ProcessModel process, BpmnDocument document, ValidationReport report, bool isProcess)
    {
        var starts = scope.Nodes.Where(n => n.Kind == NodeKind.StartEvent).ToList();
        if (isProcess && starts.Count == 0)
            report.Error(process.Id, "process", $"Process '{process.Id}' has no start event.");
        if (!isProcess && scope.Owner is { TriggeredByEvent: false } owner && starts.Count(s => s.Event?.Kind == EventKind.None) != 1)
            report.Error(owner.Id, owner.ElementType, $"Subprocess '{owner.Id}' must have exactly one none start event (it has {starts.Count}).");
        if (!isProcess && scope.Owner is { TriggeredByEvent: true } eventSubProcess)
        {
            if (starts.Count != 1)
                report.Error(eventSubProcess.Id, eventSubProcess.ElementType, $"Event subprocess '{eventSubProcess.Id}' must have exactly one start event (it has {starts.Count}).");
            if (eventSubProcess.Incoming.Count > 0 || eventSubProcess.Outgoing.Count > 0)
                report.Error(eventSubProcess.Id, eventSubProcess.ElementType, $"Event subprocess '{eventSubProcess.Id}' must not have sequence flows; it starts by its start event's trigger.");
            if (eventSubProcess.BoundaryEvents.Count > 0)
                report.Error(eventSubProcess.Id, eventSubProcess.ElementType, $"Event subprocess '{eventSubProcess.Id}' cannot carry boundary events; put an event subprocess inside it instead.");
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
            NodeKind.Unsupported => $"{node.ElementType} '{node.Id}' is not supported by the WorkflowHost engine.",
            NodeKind.StartEvent when node.Scope.Owner is { TriggeredByEvent: true } => node.Event!.Kind switch
            {
                EventKind.Message or EventKind.Timer or EventKind.Signal or EventKind.Conditional or EventKind.Escalation => null,
                EventKind.Error when node.IsInterrupting => null,
                EventKind.Error => $"The error start event '{node.Id}' of an event subprocess must interrupt (isInterrupting=\"true\"); use an escalation start event for a handler that runs beside the work.",
                EventKind.Compensate => $"A compensation event subprocess ('{node.Id}') is not supported; attach a compensation boundary event to the activity and associate it with a handler activity (isForCompensation=\"true\").",
                _ => $"A {Describe(node.Event.Kind)} start event ('{node.Id}') cannot start an event subprocess; use a message, timer, signal, conditional, error or escalation start event.",
            },
            NodeKind.StartEvent => node.Event!.Kind switch
            {
                EventKind.None => null,
                EventKind.Message or EventKind.Timer or EventKind.Signal when isProcessScope => null,
                _ when isProcessScope => $"A {Describe(node.Event.Kind)} start event ('{node.Id}') is not supported; use a none, message, timer or signal start event, or put the trigger on an event subprocess.",
                _ => $"A {Describe(node.Event.Kind)} start event ('{node.Id}') is not supported inside a subprocess, which starts with a none start event; put other triggers on an event subprocess inside it.",
            },
            NodeKind.EndEvent => node.Event!.Kind is EventKind.None or EventKind.Terminate or EventKind.Error or EventKind.Escalation or EventKind.Message or EventKind.Signal or EventKind.Compensate
                ? null : $"A {Describe(node.Event.Kind)} end event ('{node.Id}') is not supported; use a none, terminate, error, escalation, compensation, message or signal end event.",
            NodeKind.IntermediateCatchEvent => node.Event!.Kind is EventKind.Timer or EventKind.Message or EventKind.Signal or EventKind.Link or EventKind.Conditional
                ? null : $"A {Describe(node.Event.Kind)} intermediate catch event ('{node.Id}') is not supported; timer, message, signal, link and conditional are.",
            NodeKind.IntermediateThrowEvent => node.Event!.Kind is EventKind.None or EventKind.Link or EventKind.Message or EventKind.Signal or EventKind.Escalation or EventKind.Compensate
                ? null : $"A {Describe(node.Event.Kind)} intermediate throw event ('{node.Id}') is not supported; none, link, message, signal, escalation and compensation are.",
            NodeKind.BoundaryEvent => node.Event!.Kind is EventKind.Timer or EventKind.Message or EventKind.Error or EventKind.Escalation or EventKind.Signal or EventKind.Conditional or EventKind.Compensate
                ? null : $"A {Describe(node.Event.Kind)} boundary event ('{node.Id}') is not supported; timer, message, signal, conditional, error, escalation and compensation are.",
            NodeKind.ScriptTask when !JavaScriptFormats.Contains(node.ScriptFormat ?? "") =>
                $"Script task '{node.Id}' is written in '{node.ScriptFormat}'; only JavaScript scripts run.",
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
                report.Error(node.Id, node.ElementType, $"Compensation handler {Label(node)} must not have sequence flows; it is reached by the association from a compensation boundary event.");
            return;
        }
        if (node.Kind == NodeKind.BoundaryEvent && node.Event?.Kind == EventKind.Compensate)
        {
            if (node.Outgoing.Count > 0)
                report.Error(node.Id, node.ElementType, $"Compensation boundary event '{node.Id}' must not have outgoing sequence flows; associate it with its handler activity instead.");
            return;
        }
        var isStartLike = node.Kind is NodeKind.StartEvent or NodeKind.BoundaryEvent
            || (node.Kind == NodeKind.IntermediateCatchEvent && node.Event?.Kind == EventKind.Link)
            || node.TriggeredByEvent;
        if (!isStartLike && node.Incoming.Count == 0)
            report.Error(node.Id, node.ElementType, $"{Label(node)} has no incoming sequence flow, so it can never run.");
        if (node.Kind == NodeKind.StartEvent && node.Incoming.Count > 0)
            report.Error(node.Id, node.ElementType, $"Start event '{node.Id}' must not have incoming sequence flows.");

        var isEndLike = node.Kind == NodeKind.EndEvent
            || (node.Kind == NodeKind.IntermediateThrowEvent && node.Event?.Kind == EventKind.Link)
            || node.TriggeredByEvent;
        if (isEndLike || node.Outgoing.Count > 0) return;
        if (node.Kind.IsGateway() || node.Kind is NodeKind.StartEvent or NodeKind.BoundaryEvent)
            report.Error(node.Id, node.ElementType, $"{Label(node)} has no outgoing sequence flow.");
        else
            report.Warning(node.Id, node.ElementType, $"{Label(node)} has no outgoing sequence flow; its path ends there as if at an end event.");
    }

    private static void CheckGatewayConditions(FlowNode node, ValidationReport report)
    {
        if (node.Kind is NodeKind.ExclusiveGateway or NodeKind.InclusiveGateway && node.Outgoing.Count > 1)
        {
            foreach (var flow in node.Outgoing)
                if (flow.ConditionText is null && flow != node.DefaultFlow)
                    report.Error(flow.Id, "sequenceFlow",
                        $"Sequence flow '{flow.Id}'{NameSuffix(flow)} leaves {node.ElementType} '{node.Id}' without a condition and is not its default flow; give it a condition or make it the default.");
        }
        if (node.Kind == NodeKind.ParallelGateway)
            foreach (var flow in node.Outgoing.Where(f => f.ConditionText is not null))
                report.Warning(flow.Id, "sequenceFlow", $"The condition on sequence flow '{flow.Id}' is ignored: flows leaving a parallel gateway are always taken.");
    }

    private static void CheckKindSpecifics(FlowNode node, FlowScope scope, ValidationReport report)
    {
        switch (node.Kind)
        {
            case NodeKind.ServiceTask or NodeKind.BusinessRuleTask when string.IsNullOrWhiteSpace(node.Topic):
                report.Error(node.Id, node.ElementType, $"{Label(node)} does not name its handler: set camunda:topic (external task topic), e.g. camunda:type=\"external\" camunda:topic=\"send-sms\".");
                break;
            case NodeKind.CallActivity when string.IsNullOrWhiteSpace(node.CalledElement):
                report.Error(node.Id, node.ElementType, $"Call activity '{node.Id}' does not say which process it calls (calledElement is empty).");
                break;
            case NodeKind.BoundaryEvent when node.AttachedTo is { } host && !host.Kind.IsActivity():
                report.Error(node.Id, node.ElementType, $"Boundary event '{node.Id}' is attached to {host}, which is not an activity.");
                break;
            case NodeKind.BoundaryEvent when node.Event?.Kind == EventKind.Compensate && node.CompensationHandler is not { IsForCompensation: true }:
                report.Error(node.Id, node.ElementType, node.CompensationHandler is null
                    ? $"Compensation boundary event '{node.Id}' has no handler: draw an association from it to an activity marked isForCompensation=\"true\"."
                    : $"The handler '{node.CompensationHandler.Id}' of compensation boundary event '{node.Id}' is not marked isForCompensation=\"true\".");
                break;
            case NodeKind.IntermediateThrowEvent or NodeKind.EndEvent when node.Event is { Kind: EventKind.Compensate, ActivityRef: { } activityRef }
                && !scope.NodesById.ContainsKey(activityRef) && !(scope.Owner is { TriggeredByEvent: true } eventSubProcess && eventSubProcess.Scope.NodesById.ContainsKey(activityRef)):
                report.Error(node.Id, node.ElementType, $"Compensation event '{node.Id}' compensates '{activityRef}', which is not an activity in the same scope; leave activityRef empty to compensate the whole scope.");
                break;
            case NodeKind.BoundaryEvent when node.Event?.Kind == EventKind.Error && !node.CancelActivity:
                report.Error(node.Id, node.ElementType, $"Error boundary event '{node.Id}' must interrupt its activity (cancelActivity=\"true\").");
                break;
            case NodeKind.EventBasedGateway:
                foreach (var flow in node.Outgoing)
                {
                    var target = flow.Target;
                    var ok = target is not null && (target.Kind == NodeKind.ReceiveTask
                        || (target.Kind == NodeKind.IntermediateCatchEvent && target.Event?.Kind is EventKind.Message or EventKind.Timer or EventKind.Signal or EventKind.Conditional));
                    if (!ok)
                        report.Error(flow.Id, "sequenceFlow", $"Event-based gateway '{node.Id}' must lead only to message, timer, signal or conditional catch events or receive tasks; '{flow.TargetRef}' is not one.");
                }
                break;
            case NodeKind.IntermediateThrowEvent when node.Event?.Kind == EventKind.Link:
                var name = node.Event.LinkName;
                if (!scope.Nodes.Any(n => n.Kind == NodeKind.IntermediateCatchEvent && n.Event?.Kind == EventKind.Link && n.Event.LinkName == name))
                    report.Error(node.Id, node.ElementType, $"Link throw event '{node.Id}' jumps to link '{name}', but no link catch event of that name is in the same scope.");
                break;
        }
        if (node.Loop is { IsMultiInstance: true } loop && loop.LoopCardinality is null && loop.Collection is null)
            report.Error(node.Id, node.ElementType, $"Multi-instance {Label(node)} needs a loop cardinality or a collection (camunda:collection).");
        if (node.Kind == NodeKind.UserTask && node.Assignment?.DueDate is { } due && node.Assignment.DueDateExpression is null
            && !Timers.TimerExpression.TryParse(Timers.TimerKind.Date, due, TimeZoneInfo.Utc, out _, out _)
            && !Timers.TimerExpression.TryParse(Timers.TimerKind.Duration, due, TimeZoneInfo.Utc, out _, out _))
            report.Error(node.Id, node.ElementType, $"The due date '{due}' of {Label(node)} is neither an ISO 8601 date nor a duration (e.g. P3D) nor an expression.");
        if (node.Kind == NodeKind.UserTask && node.Assignment is { } working)
            CheckWorkingTime(node, working, report);
    }

    /// <summary><c>wh:workingDays</c> / <c>wh:workingHours</c>: one due-date notation per task, and literals that count.</summary>
    private static void CheckWorkingTime(FlowNode node, TaskAssignment assignment, ValidationReport report)
    {
        if (assignment.WorkingDays is not null && assignment.WorkingHours is not null)
            report.Error(node.Id, node.ElementType, $"{Label(node)} gives both wh:workingDays and wh:workingHours; keep one.");
        if (assignment.DueDate is not null && (assignment.WorkingDays ?? assignment.WorkingHours) is not null)
            report.Error(node.Id, node.ElementType, $"{Label(node)} gives both camunda:dueDate and a working-time due date (wh:workingDays or wh:workingHours); keep one.");
        if (assignment is { WorkingDays: { } days, WorkingDaysExpression: null } && !Timers.WorkingTimeText.TryDays(days, out _))
            report.Error(node.Id, node.ElementType, $"wh:workingDays '{days}' of {Label(node)} is not a whole number of working days of at least 1 (e.g. 3) nor an expression.");
        if (assignment is { WorkingHours: { } hours, WorkingHoursExpression: null } && !Timers.WorkingTimeText.TryHours(hours, out _))
            report.Error(node.Id, node.ElementType, $"wh:workingHours '{hours}' of {Label(node)} is not a number of working hours above 0 (e.g. 4 or 1.5) nor an expression.");
    }

    private static void CheckCalls(ProcessModel process, BpmnDocument document, IDefinitionResolver? resolver, ValidationReport report)
    {
        foreach (var node in process.AllNodes.Values.Where(n => n.Kind == NodeKind.CallActivity && !string.IsNullOrWhiteSpace(n.CalledElement)))
        {
            var target = node.CalledElement!;
            if (ExpressionLooksDynamic(target)) continue;
            if (!document.Processes.ContainsKey(target) && resolver?.Resolve(target, null) is null)
                report.Error(node.Id, node.ElementType, $"Call activity '{node.Id}' calls process '{target}', which is neither in this document nor published.");
        }
        // A cycle of calls inside one document can never finish; calls across deployments are guarded at run time.
        var path = new List<string>();
        if (FindCallCycle(process.Id, document, path, new HashSet<string>(StringComparer.Ordinal)))
            report.Error(process.Id, "process", $"Call activities form a cycle ({string.Join(" -> ", path)}); the process would call itself forever.");
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
                report.Warning(node.Id, node.ElementType, $"{Label(node)} can never be reached from a start event.");
    }

    private static string Label(FlowNode node) =>
        $"{char.ToUpperInvariant(node.ElementType[0])}{node.ElementType[1..]} '{node.Id}'{(node.Name is { Length: > 0 } n ? $" (\"{n}\")" : "")}";

    private static string NameSuffix(SequenceFlow flow) => flow.Name is { Length: > 0 } n ? $" (\"{n}\")" : "";
}
