using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Runtime.Behaviours;

/// <summary>End events: none, terminate, error, escalation, message and signal.</summary>
internal sealed class EndEventBehaviour : NodeBehaviour
{
    public override void Enter(ExecutionRun run, TokenState token, FlowNode node)
    {
        var definition = node.Event!;
        switch (definition.Kind)
        {
            case EventKind.Terminate:
                Terminate(run, token, node);
                return;
            case EventKind.Error:
                run.ThrowError(token, definition.ErrorCode, null, includeOwnBoundaries: false);
                return;
            case EventKind.Message:
                run.AddEffect(new MessageSent(node.Id, definition.MessageName ?? node.Id, run.VariablesFor(token).Snapshot()));
                break;
            case EventKind.Signal:
                run.AddEffect(new SignalThrown(node.Id, definition.SignalName ?? node.Id));
                break;
            case EventKind.Compensate:
                if (Compensation.Throw(run, token, node)) return; // the handlers end the token when they are done
                break;
            case EventKind.Escalation:
                // Uncaught escalation is no fault (spec 10.5.1): the path simply ends. A catcher may withdraw the thrower.
                EventPropagation.Throw(run, token, EventKind.Escalation, definition.EscalationCode, includeOwnBoundaries: false);
                if (!run.State.Tokens.Contains(token)) return;
                break;
        }
        run.ConsumeToken(token);
    }

    /// <summary>Ends every token of the scope: the instance for a process, only the subprocess otherwise.</summary>
    private static void Terminate(ExecutionRun run, TokenState token, FlowNode node)
    {
        var scope = run.Scope(token.ScopeId);
        run.EndToken(token, TokenEndReason.Completed);
        run.CancelScopeContents(scope, TokenEndReason.Terminated);
        if (scope.ParentId is null)
        {
            run.EndInstance(InstanceStatus.Terminated, $"Terminate end event '{node.Id}' reached.");
            return;
        }
        run.CheckScopeEnd(scope);
    }
}
