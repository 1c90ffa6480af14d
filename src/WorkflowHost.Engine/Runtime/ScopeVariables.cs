using System.Text.Json.Nodes;
using WorkflowHost.Engine.Expressions;

namespace WorkflowHost.Engine.Runtime;

/// <summary>
/// Variable access as seen from one scope: reads walk outwards to the process (a called process does not see
/// its caller); writes update the scope that already holds the name, otherwise the nearest local scope
/// (activity with input mappings, multi-instance item) or the process scope.
/// </summary>
internal sealed class ScopeVariables(InstanceState state, ScopeState start, VariablesBudget? budget = null) : IVariableAccess
{
    public bool TryGetVariable(string name, out JsonNode? value)
    {
        for (var scope = start; scope is not null; scope = Parent(scope))
        {
            if (scope.Variables.TryGetValue(name, out value)) return true;
            if (IsProcessBoundary(scope)) break;
        }
        value = null;
        return false;
    }

    public void SetVariable(string name, JsonNode? value)
    {
        ScopeState? fallback = null;
        for (var scope = start; scope is not null; scope = Parent(scope))
        {
            if (scope.Variables.TryGetValue(name, out var before))
            {
                budget?.Admit(name, before, value, existed: true);
                scope.Variables[name] = value;
                return;
            }
            if (fallback is null && scope.Kind is ScopeKind.Activity or ScopeKind.MultiInstanceItem) fallback = scope;
            if (IsProcessBoundary(scope))
            {
                budget?.Admit(name, null, value, existed: false);
                (fallback ?? scope).Variables[name] = value;
                return;
            }
        }
        budget?.Admit(name, null, value, existed: false);
        (fallback ?? start).Variables[name] = value;
    }

    public void RemoveVariable(string name)
    {
        for (var scope = start; scope is not null; scope = Parent(scope))
        {
            if (scope.Variables.Remove(name)) return;
            if (IsProcessBoundary(scope)) return;
        }
    }

    /// <summary>Every variable visible from the start scope, inner scopes shadowing outer ones.</summary>
    public JsonObject Snapshot()
    {
        var chain = new List<ScopeState>();
        for (var scope = start; scope is not null; scope = Parent(scope))
        {
            chain.Add(scope);
            if (IsProcessBoundary(scope)) break;
        }
        var result = new JsonObject();
        for (var i = chain.Count - 1; i >= 0; i--)
            foreach (var (name, value) in chain[i].Variables)
                result[name] = value?.DeepClone();
        return result;
    }

    private static bool IsProcessBoundary(ScopeState scope) => scope.Kind is ScopeKind.Process or ScopeKind.CalledProcess;

    private ScopeState? Parent(ScopeState scope)
    {
        if (scope.ParentId is not { } parentId) return null;
        foreach (var candidate in state.Scopes)
            if (candidate.Id == parentId) return candidate;
        return null;
    }
}
