using System.Text.Json.Nodes;
using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Runtime.Behaviours;

/// <summary>
/// Multi-instance activities ("ask three departments for their opinion"): a body scope holds the spec's counters
/// (nrOfInstances, nrOfCompletedInstances, nrOfActiveInstances); each instance runs in an item scope with
/// <c>loopCounter</c> and the element variable. Variables an instance sets stay in its item scope unless an outer
/// scope already has them; <c>wh:outputCollection</c>/<c>wh:outputElement</c> gather one result per item.
/// </summary>
internal static class MultiInstance
{
    public static void Start(ExecutionRun run, TokenState token, FlowNode node)
    {
        var loop = node.Loop!;
        JsonArray? collection = null;
        int count;
        if (loop.Collection is not null)
        {
            var value = run.Evaluate(loop.Collection, token, "multi-instance collection");
            collection = value as JsonArray
                ?? throw new ProcessFailure($"The multi-instance collection of {ExecutionRun.Describe(node)} is not a list (it is {Kind(value)}).");
            count = collection.Count;
        }
        else
        {
            var value = run.Evaluate(loop.LoopCardinality!, token, "loop cardinality");
            if (!JsonNumbers.TryGetDouble(value, out var number) || number < 0 || number != Math.Floor(number))
                throw new ProcessFailure($"The loop cardinality of {ExecutionRun.Describe(node)} must be a whole number of at least 0 (it is {Kind(value)}).");
            count = (int)number;
        }

        if (count > run.Options.MaxMultiInstanceItems)
            throw new ProcessFailure(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{ExecutionRun.Describe(node)} would start {count:N0} instances; at most {run.Options.MaxMultiInstanceItems:N0} are allowed (EngineOptions.MaxMultiInstanceItems)."));

        run.OpenBoundaryWaits(token, node);
        var body = new ScopeState
        {
            Id = run.State.NewId(), ParentId = token.ScopeId, OwnerTokenId = token.Id, Kind = ScopeKind.MultiInstanceBody,
            ProcessId = run.Scope(token.ScopeId).ProcessId, ElementId = node.Id,
            MultiInstance = new MultiInstanceState { NrOfInstances = count, Collection = collection, Results = loop.OutputCollection is null ? null : [] },
        };
        for (var i = 0; i < count && body.MultiInstance.Results is not null; i++) body.MultiInstance.Results.Add(null);
        run.State.Scopes.Add(body);
        token.Phase = TokenPhase.InScope;
        SyncCounters(body);
        if (count == 0)
        {
            Finish(run, body);
            return;
        }
        var first = loop.IsSequential ? 1 : count;
        for (var i = 0; i < first; i++) StartItem(run, body, node);
    }

    private static void StartItem(ExecutionRun run, ScopeState body, FlowNode node)
    {
        var state = body.MultiInstance!;
        var index = state.NextIndex++;
        var item = new ScopeState
        {
            Id = run.State.NewId(), ParentId = body.Id, Kind = ScopeKind.MultiInstanceItem, ProcessId = body.ProcessId, ElementId = node.Id,
        };
        item.Variables["loopCounter"] = JsonValue.Create(index);
        if (node.Loop!.ElementVariable is { Length: > 0 } name)
            item.Variables[name] = state.Collection is { } c ? c[index]?.DeepClone() : null;
        run.State.Scopes.Add(item);
        state.NrOfActiveInstances++;
        SyncCounters(body);
        run.Arrive(item, node, null);
    }

    /// <summary>One instance finished: collect its output, then start the next, or finish the body.</summary>
    public static void ItemCompleted(ExecutionRun run, ScopeState item)
    {
        if (!run.State.Scopes.Contains(item)) return;
        var body = run.Scope(item.ParentId!.Value);
        var owner = run.FindToken(body.OwnerTokenId!.Value)!;
        var node = run.NodeOf(owner);
        var state = body.MultiInstance!;
        var loop = node.Loop!;
        if (loop.OutputCollection is not null && state.Results is not null)
        {
            JsonNumbers.TryGetDouble(item.Variables["loopCounter"], out var position);
            var index = (int)position;
            state.Results[index] = loop.OutputElement is null ? null
                : ExpressionGuard.Run(() => run.Expressions.Evaluate(loop.OutputElement, new ScopeVariables(run.State, item)), "output element", node);
        }
        run.State.Scopes.Remove(item);
        state.NrOfActiveInstances--;
        state.NrOfCompletedInstances++;
        SyncCounters(body);

        var done = loop.CompletionCondition is not null && run.Condition(loop.CompletionCondition, owner, "completion condition", body);
        if (done)
        {
            foreach (var other in run.State.Scopes.Where(s => s.ParentId == body.Id).ToList()) run.CancelScope(other, TokenEndReason.CompletionConditionMet);
            state.NrOfActiveInstances = 0;
            Finish(run, body);
            return;
        }
        if (loop.IsSequential && state.NextIndex < state.NrOfInstances) StartItem(run, body, node);
        else if (state.NrOfActiveInstances == 0) Finish(run, body);
    }

    public static void Finish(ExecutionRun run, ScopeState body)
    {
        if (!run.State.Scopes.Contains(body)) return;
        var owner = run.FindToken(body.OwnerTokenId!.Value)!;
        var node = run.NodeOf(owner);
        run.State.Scopes.Remove(body);
        owner.Phase = TokenPhase.Waiting;
        if (node.Loop!.OutputCollection is { } name && body.MultiInstance!.Results is { } results)
            run.VariablesFor(owner).SetVariable(name, results.DeepClone());
        run.FinishActivity(owner, node);
    }

    private static void SyncCounters(ScopeState body)
    {
        var state = body.MultiInstance!;
        body.Variables["nrOfInstances"] = JsonValue.Create(state.NrOfInstances);
        body.Variables["nrOfCompletedInstances"] = JsonValue.Create(state.NrOfCompletedInstances);
        body.Variables["nrOfActiveInstances"] = JsonValue.Create(state.NrOfActiveInstances);
    }

    private static string Kind(JsonNode? value) => value switch
    {
        null => "empty",
        JsonArray => "a list",
        JsonObject => "an object",
        _ => $"'{value}'",
    };
}
