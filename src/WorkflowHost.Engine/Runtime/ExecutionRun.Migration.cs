using WorkflowHost.Engine.Expressions;
using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Runtime;

/// <summary>Migration to another definition version, call traces, and expression helpers bound to a scope.</summary>
internal sealed partial class ExecutionRun
{
    internal IDefinitionResolver? Resolver => _resolver;

    /// <summary>" (in called process 'X', called from call activity 'Y' (id))" for messages about nested failures.</summary>
    internal string CallTrace(TokenState token)
    {
        var parts = new List<string>();
        for (ScopeState? scope = Scope(token.ScopeId); scope is not null; scope = scope.ParentId is { } p ? Scope(p) : null)
        {
            if (scope.Kind != ScopeKind.CalledProcess || scope.OwnerTokenId is not { } ownerId || FindToken(ownerId) is not { } owner) continue;
            parts.Add($"in called process '{scope.ProcessId}', called from {Describe(owner)}");
        }
        return parts.Count == 0 ? "" : " (" + string.Join("; ", parts) + ")";
    }

    internal bool Condition(CompiledExpression expression, TokenState token, string what, ScopeState scope) =>
        ExpressionGuard.Run((Run: this, Expression: expression, Token: token, Scope: scope),
            static s => s.Run.Expressions.EvaluateCondition(s.Expression, new ScopeVariables(s.Run.State, s.Scope)), what, static s => s.Run.NodeOf(s.Token));

    private void Migrate(MigrateInstance command)
    {
        var target = _definition.Process;
        string Map(string id) => command.ElementMap.TryGetValue(id, out var mapped) ? mapped : id;
        var problems = new List<string>();
        var rootScope = RootScope();
        foreach (var token in _state.Tokens)
        {
            // Tokens inside called processes belong to another definition; they keep their element ids.
            if (ProcessScopeOf(Scope(token.ScopeId)).Kind == ScopeKind.CalledProcess) continue;
            var newId = Map(token.ElementId);
            if (!target.AllNodes.TryGetValue(newId, out var node))
            {
                problems.Add($"Active element '{token.ElementId}' has no counterpart '{newId}' in the new version.");
                continue;
            }
            var scope = Scope(token.ScopeId);
            if (MultiInstanceProblem(token, scope, node) is { } multiInstance) problems.Add(multiInstance);
            var expectedScope = scope.Kind == ScopeKind.Process ? target.Id : Map(scope.ElementId ?? "");
            if (scope.Kind is ScopeKind.Process or ScopeKind.SubProcess && node.Scope.Id != expectedScope)
                problems.Add($"Element '{newId}' is not inside '{expectedScope}' in the new version, but the token at '{token.ElementId}' is.");
        }
        foreach (var wait in _state.Waits)
        {
            var owner = FindToken(wait.TokenId);
            if (owner is not null && ProcessScopeOf(Scope(owner.ScopeId)).Kind == ScopeKind.CalledProcess) continue;
            if (!target.AllNodes.ContainsKey(Map(wait.ElementId)))
                problems.Add($"Waiting element '{wait.ElementId}' has no counterpart '{Map(wait.ElementId)}' in the new version.");
        }
        if (problems.Count > 0) throw new MigrationException(problems);

        foreach (var token in _state.Tokens)
            if (ProcessScopeOf(Scope(token.ScopeId)).Kind != ScopeKind.CalledProcess) token.ElementId = Map(token.ElementId);
        foreach (var wait in _state.Waits)
        {
            var owner = FindToken(wait.TokenId);
            if (owner is null || ProcessScopeOf(Scope(owner.ScopeId)).Kind != ScopeKind.CalledProcess) wait.ElementId = Map(wait.ElementId);
        }
        foreach (var incident in _state.Incidents)
        {
            // An open incident names the element its token stopped at; it moves with the token.
            if (incident.Resolved || FindToken(incident.TokenId) is not { } stopped) continue;
            if (ProcessScopeOf(Scope(stopped.ScopeId)).Kind != ScopeKind.CalledProcess) incident.ElementId = Map(incident.ElementId);
        }
        foreach (var scope in _state.Scopes)
        {
            if (scope.Kind == ScopeKind.Process) scope.ProcessId = target.Id;
            else if (ProcessScopeOf(scope).Kind == ScopeKind.Process)
            {
                if (scope.ElementId is { } element) scope.ElementId = Map(element);
                if (scope.Kind != ScopeKind.CalledProcess) scope.ProcessId = target.Id;
            }
        }
        rootScope.ProcessId = target.Id;
        _state.ProcessId = target.Id;
        _processOfScope.Clear();
    }

    /// <summary>
    /// A multi-instance activity keeps its counters, items and gathered outputs in a body scope; an activity that is
    /// multi-instance on one side of the map and not on the other has no faithful place for them (or lacks them), so
    /// the engine refuses rather than losing or inventing per-item state.
    /// </summary>
    private string? MultiInstanceProblem(TokenState token, ScopeState scope, FlowNode target)
    {
        var wasMultiInstance = token.Phase == TokenPhase.InScope
            && _state.Scopes.Exists(s => s.Kind == ScopeKind.MultiInstanceBody && s.OwnerTokenId == token.Id);
        var insideItem = scope.Kind == ScopeKind.MultiInstanceItem && scope.ElementId == token.ElementId;
        var isMultiInstance = target.Loop?.IsMultiInstance == true;
        if (wasMultiInstance && !isMultiInstance)
            return $"Active element '{token.ElementId}' is multi-instance, but its counterpart '{target.Id}' in the new version is not; its per-item state cannot be mapped.";
        if (!wasMultiInstance && !insideItem && isMultiInstance)
            return $"Active element '{token.ElementId}' is not multi-instance, but its counterpart '{target.Id}' in the new version is; a running single instance cannot be turned into items.";
        return null;
    }

    private ScopeState ProcessScopeOf(ScopeState scope)
    {
        var current = scope;
        while (current.Kind is not (ScopeKind.Process or ScopeKind.CalledProcess)) current = Scope(current.ParentId!.Value);
        return current;
    }
}
