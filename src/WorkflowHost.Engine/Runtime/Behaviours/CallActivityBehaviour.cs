using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Runtime.Behaviours;

/// <summary>
/// Call activity: runs the called process inside this instance as a child scope with its own variables.
/// Without <c>camunda:in</c>/<c>camunda:out</c> every variable is passed in and every change (deletions included)
/// flows back out, as BPMN tools without Camunda extensions expect.
/// </summary>
internal sealed class CallActivityBehaviour : ActivityBehaviour
{
    protected override void Perform(ExecutionRun run, TokenState token, FlowNode node)
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
        SubProcessBehaviour.ListenOrUndo(run, child);
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

    /// <summary>The called process finished: its results go back to the caller before the activity completes.</summary>
    public override void ChildScopeCompleted(ExecutionRun run, TokenState owner, FlowNode node, ScopeState child)
    {
        MapOutputs(run, child, owner);
        base.ChildScopeCompleted(run, owner, node, child);
    }

    /// <summary>Copies results of a finished called process back to the caller.</summary>
    private static void MapOutputs(ExecutionRun run, ScopeState calleeScope, TokenState owner)
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
            var result = mapping.Expression is not null
                ? ExpressionGuard.Run(() => run.Expressions.Evaluate(mapping.Expression, calleeVariables), $"output mapping '{mapping.Target}'", node)
                : calleeVariables.TryGetVariable(mapping.Source!, out var v) ? v?.DeepClone() : null;
            callerVariables.SetVariable(mapping.Target, result);
        }
    }
}
