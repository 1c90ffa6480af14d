using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Runtime.Behaviours;

/// <summary>
/// Inclusive gateway. Split: every flow whose condition holds (default only when none does). Join: the BPMN 2.0
/// activation rule — at least one incoming flow has a token, and no token elsewhere in the scope can still reach an
/// empty incoming flow unless it can also reach a filled one.
/// </summary>
internal sealed class InclusiveGatewayBehaviour : NodeBehaviour
{
    public override void Enter(ExecutionRun run, TokenState token, FlowNode node)
    {
        if (node.Incoming.Count > 1)
        {
            token.Phase = TokenPhase.Joining;
            TryJoin(run, token, node);
            return;
        }
        Split(run, token, node);
    }

    internal static bool TryJoin(ExecutionRun run, TokenState token, FlowNode node)
    {
        var arrived = JoinSupport.ArrivedByFlow(run, token, node);
        var analysis = run.ProcessOf(run.Scope(token.ScopeId)).Definition.Analysis;
        var empty = node.Incoming.Where(f => !arrived.ContainsKey(f.Id)).ToList();
        if (empty.Count > 0)
        {
            var filled = node.Incoming.Where(f => arrived.ContainsKey(f.Id)).ToList();
            foreach (var other in run.State.Tokens)
            {
                if (other.ScopeId != token.ScopeId || (other.ElementId == node.Id && other.Phase != TokenPhase.Failed)) continue;
                var reachesEmpty = empty.Exists(f => analysis.NodesReaching(f).Contains(other.ElementId));
                if (!reachesEmpty) continue;
                var reachesFilled = filled.Exists(f => analysis.NodesReaching(f).Contains(other.ElementId));
                if (!reachesFilled) return false;
            }
        }
        var joined = JoinSupport.Fire(run, token, node, arrived, takeOutgoing: false);
        Split(run, joined, node);
        return true;
    }

    private static void Split(ExecutionRun run, TokenState token, FlowNode node)
    {
        var selected = new List<SequenceFlow>();
        foreach (var flow in node.Outgoing)
        {
            if (flow == node.DefaultFlow) continue;
            if (flow.Condition is null || run.Condition(flow.Condition, token, $"condition of sequence flow '{flow.Id}' leaving"))
                selected.Add(flow);
        }
        if (selected.Count == 0 && node.DefaultFlow is not null) selected.Add(node.DefaultFlow);
        if (selected.Count == 0)
            throw new ProcessFailure($"No outgoing sequence flow of {ExecutionRun.Describe(node)} has a true condition and there is no default flow.");
        run.TakeFlows(token, selected);
    }
}
