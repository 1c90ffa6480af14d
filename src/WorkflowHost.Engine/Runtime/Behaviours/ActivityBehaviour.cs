using System.Text.Json.Nodes;
using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Runtime.Behaviours;

/// <summary>
/// What every activity shares: entering opens its boundary waits (or starts the multi-instance body), each
/// iteration applies the standard loop test and the input mappings before the activity's own work, and completing
/// applies the output mappings and decides whether the standard loop runs again.
/// </summary>
internal abstract class ActivityBehaviour : NodeBehaviour
{
    public sealed override void Enter(ExecutionRun run, TokenState token, FlowNode node)
    {
        if (!run.IsInnerInstance(token, node))
        {
            if (node.Loop is { IsMultiInstance: true })
            {
                MultiInstance.Start(run, token, node);
                return;
            }
            run.OpenBoundaryWaits(token, node);
        }
        Execute(run, token, node);
    }

    /// <summary>One iteration: loop test, input mappings, then the activity's own work.</summary>
    public void Execute(ExecutionRun run, TokenState token, FlowNode node)
    {
        if (node.Loop is { IsMultiInstance: false, TestBefore: true } loop && !LoopShouldRun(run, token, loop))
        {
            run.FinishActivity(token, node);
            return;
        }
        if (node.InputMappings.Count > 0) Mappings.ApplyInputs(run, token, node);
        Perform(run, token, node);
    }

    /// <summary>The activity's own work: finish at once (schedule <see cref="ExecutionRun.StepKind.Complete"/>) or wait.</summary>
    protected abstract void Perform(ExecutionRun run, TokenState token, FlowNode node);

    /// <summary>Output mappings, then either another standard-loop iteration or leaving.</summary>
    public override void Complete(ExecutionRun run, TokenState token, FlowNode node)
    {
        token.Phase = TokenPhase.Waiting;
        if (node.OutputMappings.Count > 0) Mappings.ApplyOutputs(run, token, node);
        run.DisposeLocalScope(token);
        if (node.Loop is { IsMultiInstance: false } loop)
        {
            token.LoopCounter++;
            if (LoopShouldRun(run, token, loop))
            {
                run.Schedule(token, ExecutionRun.StepKind.Execute);
                return;
            }
        }
        run.FinishActivity(token, node);
    }

    /// <summary>
    /// The child scope this activity opened (embedded subprocess, called process) has no token left: drop it and
    /// complete the activity.
    /// </summary>
    public virtual void ChildScopeCompleted(ExecutionRun run, TokenState owner, FlowNode node, ScopeState child)
    {
        run.State.Scopes.Remove(child);
        owner.Phase = TokenPhase.Waiting;
        run.Schedule(owner, ExecutionRun.StepKind.Complete);
    }

    private static bool LoopShouldRun(ExecutionRun run, TokenState token, LoopDefinition loop)
    {
        if (loop.LoopMaximum is { } max && token.LoopCounter >= max) return false;
        if (loop.LoopCondition is null) return !loop.TestBefore && token.LoopCounter == 0;
        run.VariablesFor(token).SetVariable("loopCounter", JsonValue.Create(token.LoopCounter));
        return run.Condition(loop.LoopCondition, token, "loop condition");
    }
}
