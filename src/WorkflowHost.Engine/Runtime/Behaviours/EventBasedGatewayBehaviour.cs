using System.Text.Json.Nodes;
using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Runtime.Behaviours;

/// <summary>Event-based gateway: waits on every following catch event; the first to happen wins.</summary>
internal sealed class EventBasedGatewayBehaviour : NodeBehaviour
{
    public override void Enter(ExecutionRun run, TokenState token, FlowNode node)
    {
        token.Phase = TokenPhase.Waiting;
        foreach (var flow in node.Outgoing)
        {
            var target = flow.Target;
            if (target.Kind == NodeKind.ReceiveTask) run.Subscribe(token, target, target.MessageName ?? target.Name ?? target.Id);
            else if (target.Event?.Kind == EventKind.Message) run.Subscribe(token, target, target.Event.MessageName!);
            else if (target.Event?.Kind == EventKind.Timer) run.ScheduleTimer(token, target);
            else if (target.Event?.Kind == EventKind.Signal) run.ListenForSignal(WaitOwner.Of(token), target, target.Event.SignalName!);
            else if (target.Event?.Kind == EventKind.Conditional) run.WaitForCondition(token, target);
        }
    }

    /// <summary>The first event wins the race: withdraw the others, then pass through the winning catch event.</summary>
    public override void Trigger(ExecutionRun run, TokenState token, FlowNode node, WaitState wait, FlowNode eventNode,
        IReadOnlyDictionary<string, JsonNode?>? variables)
    {
        run.SetVariables(token, variables);
        run.CloseWait(wait, cancelled: false);
        run.CloseWaitsOf(token, cancelled: true);
        var flow = node.Outgoing.Find(f => f.TargetRef == eventNode.Id)!;
        var scope = run.Scope(token.ScopeId);
        run.EndToken(token, TokenEndReason.Completed);
        var caught = run.Place(scope, eventNode, flow.Id);
        run.Schedule(caught, eventNode.Kind.IsActivity() ? ExecutionRun.StepKind.Complete : ExecutionRun.StepKind.Leave);
    }
}
