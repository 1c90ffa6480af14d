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
        token.Phase = TokenPhase.InScope;
        run.Arrive(child, node.ChildScope!.NoneStartEvents.First(), null);
    }
}
