using System.Text.Json.Nodes;
using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Runtime.Behaviours;

/// <summary>Embedded subprocess: opens a child scope and starts it at its none start event.</summary>
internal sealed class SubProcessBehaviour : INodeBehaviour
{
    public void Enter(ExecutionRun run, TokenState token, FlowNode node)
    {
        var parent = run.Scope(token.LocalScopeId ?? token.ScopeId);
        var child = new ScopeState
        {
            Id = run.State.NewId(), ParentId = parent.Id, OwnerTokenId = token.Id, Kind = ScopeKind.SubProcess,
            ProcessId = parent.ProcessId, ElementId = node.Id,
        };
        run.State.Scopes.Add(child);
        token.Phase = TokenPhase.InScope;
        run.Arrive(child, node.ChildScope!.NoneStartEvents.First(), null);
    }
}

/// <summary>
/// Call activity: runs the called process inside this instance as a child scope with its own variables.
/// Without <c>camunda:in</c>/<c>camunda:out</c> every variable is passed in and every change (deletions included)
/// flows back out, as BPMN tools without Camunda extensions expect.
/// </summary>
internal sealed class CallActivityBehaviour : INodeBehaviour
{
    public void Enter(ExecutionRun run, TokenState token, FlowNode node)
    {
        var callerScope = run.Scope(token.ScopeId);
        var (callerDefinition, _) = run.ProcessOf(callerScope);
        var key = node.CalledElement!;
        ExecutableDefinition? calleeDefinition = null;
        ProcessModel? callee;
        if (!callerDefinition.Document.Processes.TryGetValue(key, out callee))
        {
            calleeDefinition = run.Resolver?.Resolve(key, null);
            callee = calleeDefinition?.Process;
        }
        if (callee is null)
            throw new ProcessFailure($"The called process '{key}' was not found (call activity {ExecutionRun.Describe(node)}).");
        if (CallDepth(run, callerScope) >= run.Options.MaxCallDepth)
            throw new ProcessFailure($"Call activity {ExecutionRun.Describe(node)} would nest calls deeper than {run.Options.MaxCallDepth} levels; the processes probably call each other in a cycle.");
        var start = callee.Root.NoneStartEvents.FirstOrDefault()
            ?? throw new ProcessFailure($"The called process '{key}' has no none start event.");

        var child = new ScopeState
        {
            Id = run.State.NewId(), ParentId = token.ScopeId, OwnerTokenId = token.Id, Kind = ScopeKind.CalledProcess,
            ProcessId = callee.Id, ElementId = node.Id,
            CalledDefinitionKey = calleeDefinition?.Key, CalledDefinitionVersion = calleeDefinition?.Version,
        };
        var callerVariables = run.VariablesFor(token);
        if (node.PassesAllVariables)
        {
            foreach (var (name, value) in callerVariables.Snapshot()) child.Variables[name] = value?.DeepClone();
            child.PassedInNames = [.. child.Variables.Keys];
        }
        else
        {
            foreach (var mapping in node.CallInputs)
            {
                if (mapping.All)
                {
                    foreach (var (name, value) in callerVariables.Snapshot()) child.Variables[name] = value?.DeepClone();
                    continue;
                }
                child.Variables[mapping.Target] = mapping.Expression is not null
                    ? run.Evaluate(mapping.Expression, token, $"input mapping '{mapping.Target}'")
                    : callerVariables.TryGetVariable(mapping.Source!, out var v) ? v?.DeepClone() : null;
            }
        }
        run.State.Scopes.Add(child);
        token.Phase = TokenPhase.InScope;
        run.Arrive(child, start, null);
    }

    private static int CallDepth(ExecutionRun run, ScopeState scope)
    {
        var depth = 0;
        for (ScopeState? s = scope; s is not null; s = s.ParentId is { } p ? run.Scope(p) : null)
            if (s.Kind == ScopeKind.CalledProcess) depth++;
        return depth;
    }

    /// <summary>Copies results of a finished called process back to the caller.</summary>
    internal static void MapOutputs(ExecutionRun run, ScopeState calleeScope, TokenState owner)
    {
        var node = run.NodeOf(owner);
        var callerVariables = run.VariablesFor(owner);
        var calleeVariables = new ScopeVariables(run.State, calleeScope);
        if (node.PassesAllVariables)
        {
            foreach (var (name, value) in calleeScope.Variables) callerVariables.SetVariable(name, value?.DeepClone());
            foreach (var name in calleeScope.PassedInNames ?? [])
                if (!calleeScope.Variables.ContainsKey(name)) callerVariables.RemoveVariable(name);
            return;
        }
        foreach (var mapping in node.CallOutputs)
        {
            if (mapping.All)
            {
                foreach (var (name, value) in calleeScope.Variables) callerVariables.SetVariable(name, value?.DeepClone());
                continue;
            }
            JsonNode? result;
            if (mapping.Expression is not null)
            {
                try { result = run.Expressions.Evaluate(mapping.Expression, calleeVariables); }
                catch (Expressions.ExpressionEvaluationException ex) { throw new ProcessFailure($"Output mapping '{mapping.Target}' of {ExecutionRun.Describe(node)} failed: {ex.Message}"); }
            }
            else result = calleeVariables.TryGetVariable(mapping.Source!, out var v) ? v?.DeepClone() : null;
            callerVariables.SetVariable(mapping.Target, result);
        }
    }
}

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
        {
            try { return run.Expressions.RunScript(mapping.Expression, run.VariablesFor(token)); }
            catch (Expressions.ExpressionEvaluationException ex) { throw new ProcessFailure($"The {what} '{mapping.Target}' of {run.Describe(token)} failed: {ex.Message}"); }
        }
        return run.Evaluate(mapping.Expression, token, $"{what} '{mapping.Target}'");
    }
}
