using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Runtime.Behaviours;

/// <summary>Intermediate throw events: none passes, message/signal are emitted, escalation goes to its catcher, link jumps to its catch event.</summary>
internal sealed class ThrowEventBehaviour : NodeBehaviour
{
    public override void Enter(ExecutionRun run, TokenState token, FlowNode node)
    {
        var definition = node.Event!;
        switch (definition.Kind)
        {
            case EventKind.Link:
                var target = node.Scope.Nodes.First(n => n.Kind == NodeKind.IntermediateCatchEvent && n.Event?.Kind == EventKind.Link && n.Event.LinkName == definition.LinkName);
                var scope = run.Scope(token.ScopeId);
                run.EndToken(token, TokenEndReason.Completed);
                run.Arrive(scope, target, null);
                return;
            case EventKind.Message:
                run.AddEffect(new MessageSent(node.Id, definition.MessageName ?? node.Id, run.VariablesFor(token).Snapshot()));
                break;
            case EventKind.Signal:
                run.AddEffect(new SignalThrown(node.Id, definition.SignalName ?? node.Id));
                break;
            case EventKind.Compensate:
                if (Compensation.Throw(run, token, node)) return; // the handlers move the token on when they are done
                break;
            case EventKind.Escalation:
                // Caught by a non-interrupting catcher (or not at all), the thrower goes on; an interrupting one withdrew it.
                EventPropagation.Throw(run, token, EventKind.Escalation, definition.EscalationCode, includeOwnBoundaries: false);
                if (!run.State.Tokens.Contains(token)) return;
                break;
        }
        run.Schedule(token, ExecutionRun.StepKind.Leave);
    }
}
