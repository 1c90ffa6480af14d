using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Runtime.Behaviours;

/// <summary>
/// Compensation: undoing work that completed. An activity with a compensation boundary event leaves a record in its
/// scope when it completes; a subprocess without a handler of its own hands its inner records up to its parent as it
/// completes, so compensating the subprocess compensates what ran inside it. A compensation throw or end event runs
/// the handlers of its scope — all, or those of its <c>activityRef</c> — newest first, one at a time, each once,
/// in a compensation scope; the thrower waits for them unless <c>waitForCompletion="false"</c>. Thrown inside an event
/// subprocess, it compensates the scope the event subprocess belongs to.
/// </summary>
internal static class Compensation
{
    /// <summary>The activity completed: remember its handler, if it has one.</summary>
    public static void Record(ExecutionRun run, TokenState token, FlowNode node)
    {
        var handler = node.BoundaryEvents.Find(b => b.Event?.Kind == EventKind.Compensate)?.CompensationHandler;
        if (handler is null) return;
        var scope = run.Scope(token.ScopeId);
        (scope.Compensable ??= []).Add(new CompensationRecord { ActivityId = node.Id, HandlerId = handler.Id });
    }

    /// <summary>A subprocess completed: its inner records move to the parent, unless the subprocess has its own handler.</summary>
    public static void HandUp(ScopeState child, FlowNode subprocess, ScopeState parent)
    {
        if (child.Compensable is not { Count: > 0 } records) return;
        if (subprocess.BoundaryEvents.Exists(b => b.Event?.Kind == EventKind.Compensate && b.CompensationHandler is not null)) return;
        parent.Compensable ??= [];
        foreach (var record in records)
            parent.Compensable.Add(new CompensationRecord { ActivityId = record.ActivityId, HandlerId = record.HandlerId, WithinActivity = record.WithinActivity ?? subprocess.Id });
    }

    /// <summary>Starts the handlers the event asks for; true when the thrower must wait for them.</summary>
    public static bool Throw(ExecutionRun run, TokenState thrower, FlowNode node)
    {
        var scope = run.Scope(thrower.ScopeId);
        if (scope.Kind == ScopeKind.EventSubProcess && scope.ParentId is { } parentId) scope = run.Scope(parentId);
        var activityRef = node.Event!.ActivityRef;
        var chosen = scope.Compensable?.Where(r => activityRef is null || r.ActivityId == activityRef || r.WithinActivity == activityRef).ToList() ?? [];
        if (chosen.Count == 0) return false;
        foreach (var record in chosen) scope.Compensable!.Remove(record);
        chosen.Reverse();
        var waits = node.Event.WaitForCompletion;
        var compensation = new ScopeState
        {
            Id = run.State.NewId(), ParentId = scope.Id, OwnerTokenId = waits ? thrower.Id : null, Kind = ScopeKind.Compensation,
            ProcessId = scope.ProcessId, ElementId = node.Id, PendingHandlers = chosen,
        };
        run.State.Scopes.Add(compensation);
        if (waits) thrower.Phase = TokenPhase.InScope;
        StartNext(run, compensation);
        return waits;
    }

    private static void StartNext(ExecutionRun run, ScopeState compensation)
    {
        var next = compensation.PendingHandlers![0];
        compensation.PendingHandlers.RemoveAt(0);
        run.Arrive(compensation, run.ProcessOf(compensation).Process.AllNodes[next.HandlerId], null);
    }

    /// <summary>A handler finished: run the next one, or let the thrower go on.</summary>
    public static void HandlerDone(ExecutionRun run, ScopeState compensation)
    {
        if (compensation.PendingHandlers is { Count: > 0 })
        {
            StartNext(run, compensation);
            return;
        }
        run.State.Scopes.Remove(compensation);
        if (compensation.OwnerTokenId is { } ownerId && run.FindToken(ownerId) is { } owner)
        {
            owner.Phase = TokenPhase.Waiting;
            if (run.NodeOf(owner).Kind == NodeKind.EndEvent) run.ConsumeToken(owner);
            else run.Schedule(owner, ExecutionRun.StepKind.Leave);
        }
        else if (compensation.ParentId is { } parentId && run.State.Scopes.Find(s => s.Id == parentId) is { } parent) run.CheckScopeEnd(parent);
    }
}
