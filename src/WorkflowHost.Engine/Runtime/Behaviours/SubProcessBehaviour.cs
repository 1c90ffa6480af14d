using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Runtime.Behaviours;

/// <summary>Embedded subprocess: opens a child scope and starts it at its none start event.</summary>
internal sealed class SubProcessBehaviour : ActivityBehaviour
{
    protected override void Perform(ExecutionRun run, TokenState token, FlowNode node)
    {
        var parent = run.Scope(token.LocalScopeId ?? token.ScopeId);
        var child = new ScopeState
        {
            Id = run.State.NewId(), ParentId = parent.Id, OwnerTokenId = token.Id, Kind = ScopeKind.SubProcess,
            ProcessId = parent.ProcessId, ElementId = node.Id,
        };
        run.State.Scopes.Add(child);
        ListenOrUndo(run, child);
        token.Phase = TokenPhase.InScope;
        run.Arrive(child, node.ChildScope!.NoneStartEvents.First(), null);
    }

    /// <summary>The subprocess completed: what ran inside it can still be compensated through it.</summary>
    public override void ChildScopeCompleted(ExecutionRun run, TokenState owner, FlowNode node, ScopeState child)
    {
        Compensation.HandUp(child, node, run.Scope(owner.ScopeId));
        base.ChildScopeCompleted(run, owner, node, child);
    }

    /// <summary>Opens the child scope's event-subprocess listeners; if one fails (a timer expression), the scope is dropped so a retry starts clean.</summary>
    internal static void ListenOrUndo(ExecutionRun run, ScopeState child)
    {
        try
        {
            EventSubProcessBehaviour.Listen(run, child);
        }
        catch (ProcessFailure)
        {
            run.CloseWaitsOf(child);
            run.State.Scopes.Remove(child);
            throw;
        }
    }
}
