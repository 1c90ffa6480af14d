using WorkflowHost.Engine.Model;
using WorkflowHost.Engine.Runtime.Behaviours;

namespace WorkflowHost.Engine.Runtime;

/// <summary>
/// Where a thrown BPMN error or escalation is caught. From the thrower outwards, each scope first offers its own
/// event subprocesses (error or escalation start), then the activity that owns the scope offers its boundary
/// events; a catcher naming the thrown code wins over one that catches every code. An event subprocess does not
/// catch what is thrown inside a sibling event subprocess (the thrower would otherwise catch itself again).
/// </summary>
internal static class EventPropagation
{
    /// <summary>Throws from <paramref name="thrower"/>; true when something caught it (the thrower may then be withdrawn).</summary>
    public static bool Throw(ExecutionRun run, TokenState thrower, EventKind kind, string? code, bool includeOwnBoundaries)
    {
        var throwerNode = run.NodeOf(thrower);
        if (includeOwnBoundaries && !run.IsInnerInstance(thrower, throwerNode) && TryBoundary(run, thrower, throwerNode, kind, code)) return true;
        var scope = run.Scope(thrower.ScopeId);
        var leftEventSubProcess = false;
        while (true)
        {
            if (!leftEventSubProcess && TryEventSubProcess(run, scope, kind, code)) return true;
            if (scope.OwnerTokenId is { } ownerId && run.FindToken(ownerId) is { } owner && TryBoundary(run, owner, run.NodeOf(owner), kind, code)) return true;
            leftEventSubProcess = scope.Kind == ScopeKind.EventSubProcess;
            if (scope.ParentId is not { } parentId) return false;
            scope = run.Scope(parentId);
        }
    }

    private static bool TryBoundary(ExecutionRun run, TokenState host, FlowNode hostNode, EventKind kind, string? code)
    {
        var catcher = Best(hostNode.BoundaryEvents, kind, code);
        if (catcher is null) return false;
        var scope = run.Scope(host.ScopeId);
        // A multi-instance body is caught as a whole: cancel the body token, not one inner instance.
        if (catcher.CancelActivity) run.CancelToken(host, TokenEndReason.Interrupted);
        BoundaryEventBehaviour.Occur(run, scope, catcher);
        return true;
    }

    private static bool TryEventSubProcess(ExecutionRun run, ScopeState scope, EventKind kind, string? code)
    {
        var flowScope = EventSubProcessBehaviour.FlowScopeOf(run, scope);
        if (flowScope is null || flowScope.EventSubProcesses.Count == 0) return false;
        var starts = flowScope.EventSubProcesses.Select(EventSubProcessBehaviour.StartOf).OfType<FlowNode>();
        var start = Best(starts, kind, code);
        if (start is null) return false;
        EventSubProcessBehaviour.Catch(run, scope, start);
        return true;
    }

    /// <summary>The catcher for <paramref name="code"/>: one naming it, else one without a code (catches all).</summary>
    private static FlowNode? Best(IEnumerable<FlowNode> candidates, EventKind kind, string? code)
    {
        FlowNode? catchAll = null;
        foreach (var candidate in candidates)
        {
            if (candidate.Event?.Kind != kind) continue;
            var caught = kind == EventKind.Error ? candidate.Event.ErrorCode : candidate.Event.EscalationCode;
            if (caught is null) catchAll ??= candidate;
            else if (caught == code) return candidate;
        }
        return catchAll;
    }
}
