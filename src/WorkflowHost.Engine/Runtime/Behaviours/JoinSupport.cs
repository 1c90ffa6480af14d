using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Runtime.Behaviours;

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
            if (consumed != survivor) run.EndToken(consumed, TokenEndReason.Joined);
        survivor.Phase = TokenPhase.Waiting;
        if (takeOutgoing) run.TakeFlows(survivor, node.Outgoing);
        return survivor;
    }
}
