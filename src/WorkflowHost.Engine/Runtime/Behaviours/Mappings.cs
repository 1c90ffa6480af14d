using System.Text.Json.Nodes;
using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Runtime.Behaviours;

/// <summary>Camunda input/output parameters of an activity: inputs create local variables, outputs copy results out.</summary>
internal static class Mappings
{
    public static void ApplyInputs(ExecutionRun run, TokenState token, FlowNode node)
    {
        // Inner multi-instance runs already have their own item scope; other activities get a local one.
        var local = ExecutionRun.IsInnerInstance(run.Scope(token.ScopeId), node) ? run.Scope(token.ScopeId) : run.EnsureLocalScope(token);
        foreach (var mapping in node.InputMappings)
            local.Variables[mapping.Target] = Value(run, token, mapping, "input parameter");
    }

    public static void ApplyOutputs(ExecutionRun run, TokenState token, FlowNode node)
    {
        var values = new List<(string Name, JsonNode? Value)>(node.OutputMappings.Count);
        foreach (var mapping in node.OutputMappings) values.Add((mapping.Target, Value(run, token, mapping, "output parameter")));
        var parent = new ScopeVariables(run.State, run.Scope(token.ScopeId), run.Budget);
        foreach (var (name, value) in values) parent.SetVariable(name, value);
    }

    private static JsonNode? Value(ExecutionRun run, TokenState token, VariableMapping mapping, string what)
    {
        if (mapping.Literal is not null) return JsonValue.Create(mapping.Literal);
        if (mapping.Expression is null) return null;
        if (mapping.Expression.Kind == Expressions.ExpressionKind.Script)
            return ExpressionGuard.Run(() => run.Expressions.RunScript(mapping.Expression, run.VariablesFor(token)), $"{what} '{mapping.Target}'", run.NodeOf(token));
        return run.Evaluate(mapping.Expression, token, $"{what} '{mapping.Target}'");
    }
}
