using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Runtime.Behaviours;

/// <summary>Plain tasks have no work of their own and complete at once (as in Camunda).</summary>
internal sealed class PlainTaskBehaviour : ActivityBehaviour
{
    protected override void Perform(ExecutionRun run, TokenState token, FlowNode node) => run.Schedule(token, ExecutionRun.StepKind.Complete);
}
