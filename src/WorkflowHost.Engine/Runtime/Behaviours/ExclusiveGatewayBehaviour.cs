using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Runtime.Behaviours;

/// <summary>Exclusive gateway: merges without waiting; splits along the first flow whose condition holds, else the default.</summary>
internal sealed class ExclusiveGatewayBehaviour : NodeBehaviour
{
    public override void Enter(ExecutionRun run, TokenState token, FlowNode node)
    {
        foreach (var flow in node.Outgoing)
        {
            if (flow == node.DefaultFlow) continue;
            if (flow.Condition is null || run.Condition(flow.Condition, token, $"condition of sequence flow '{flow.Id}' leaving"))
            {
                run.TakeFlows(token, [flow]);
                return;
            }
        }
        if (node.DefaultFlow is not null)
        {
            run.TakeFlows(token, [node.DefaultFlow]);
            return;
        }
        throw new ProcessFailure($"No outgoing sequence flow of {ExecutionRun.Describe(node)} has a true condition and there is no default flow.");
    }
}
