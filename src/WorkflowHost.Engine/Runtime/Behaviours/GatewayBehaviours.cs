using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Runtime.Behaviours;

/// <summary>Exclusive gateway: merges without waiting; splits along the first flow whose condition holds, else the default.</summary>
internal sealed class ExclusiveGatewayBehaviour : INodeBehaviour
{
    public void Enter(ExecutionRun run, TokenState token, FlowNode node)
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

/// <summary>Parallel gateway: waits for a token on every incoming flow, then starts one on every outgoing flow.</summary>
internal sealed class ParallelGatewayBehaviour : INodeBehaviour
{
    public void Enter(ExecutionRun run, TokenState token, FlowNode node)
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

/// <summary>
/// Inclusive gateway. Split: every flow whose condition holds (default only when none does). Join: the BPMN 2.0
/// activation rule — at least one incoming flow has a token, and no token elsewhere in the scope can still reach an
/// empty incoming flow unless it can also reach a filled one.
/// </summary>
internal sealed class InclusiveGatewayBehaviour : INodeBehaviour
{
    public void Enter(ExecutionRun run, TokenState token, FlowNode node)
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

/// <summary>Event-based gateway: waits on every following catch event; the first to happen wins.</summary>
internal sealed class EventBasedGatewayBehaviour : INodeBehaviour
{
    public void Enter(ExecutionRun run, TokenState token, FlowNode node)
    {
        token.Phase = TokenPhase.Waiting;
        foreach (var flow in node.Outgoing)
        {
            var target = flow.Target;
            if (target.Kind == NodeKind.ReceiveTask) run.Subscribe(token, target, target.MessageName ?? target.Name ?? target.Id);
            else if (target.Event?.Kind == EventKind.Message) run.Subscribe(token, target, target.Event.MessageName!);
            else if (target.Event?.Kind == EventKind.Timer) run.ScheduleTimer(token, target);
            else if (target.Event?.Kind == EventKind.Conditional) run.WaitForCondition(token, target);
        }
    }
}

/// <summary>Shared bookkeeping of joining gateways.</summary>
internal static class JoinSupport
{
    /// <summary>
    /// The first token per incoming flow at this gateway in this scope (oldest first). Tokens that arrived but whose
    /// turn on the agenda has not come yet count too: otherwise an inclusive join would fire without them.
    /// </summary>
    public static Dictionary<string, TokenState> ArrivedByFlow(ExecutionRun run, TokenState token, FlowNode node)
    {
        var arrived = new Dictionary<string, TokenState>(StringComparer.Ordinal);
        foreach (var t in run.State.Tokens)
            if (t.ScopeId == token.ScopeId && t.ElementId == node.Id && t.Phase is TokenPhase.Joining or TokenPhase.Waiting && t.ArrivedVia is { } via)
                arrived.TryAdd(via, t);
        return arrived;
    }

    /// <summary>Consumes one token per filled incoming flow and continues with a single token.</summary>
    public static TokenState Fire(ExecutionRun run, TokenState trigger, FlowNode node, Dictionary<string, TokenState> arrived, bool takeOutgoing = true)
    {
        var survivor = arrived.Values.OrderBy(t => t.Id).First();
        foreach (var consumed in arrived.Values)
            if (consumed != survivor) run.EndToken(consumed, cancelled: false);
        survivor.Phase = TokenPhase.Waiting;
        if (takeOutgoing) run.TakeFlows(survivor, node.Outgoing);
        return survivor;
    }
}
