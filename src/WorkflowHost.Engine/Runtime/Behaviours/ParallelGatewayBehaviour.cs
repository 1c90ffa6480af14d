using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Runtime.Behaviours;

/// <summary>Parallel gateway: waits for a token on every incoming flow, then starts one on every outgoing flow.</summary>
internal sealed class ParallelGatewayBehaviour : NodeBehaviour
{
    public override void Enter(ExecutionRun run, TokenState token, FlowNode node)
    {
        if (node.Incoming.Count <= 1)
        {
            run.TakeFlows(token, node.Outgoing);
            return;
        }
        token.Phase = TokenPhase.Joining;
        var arrived = JoinSupport.ArrivedByFlow(run, token, node);
        foreach (var flow in node.Incoming)
            if (!arrived.ContainsKey(flow.Id)) return;
        JoinSupport.Fire(run, token, node, arrived);
    }
}
