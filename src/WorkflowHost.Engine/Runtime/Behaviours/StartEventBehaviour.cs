using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Runtime.Behaviours;

/// <summary>Start events: whatever started the scope has already happened, so the token leaves at once.</summary>
internal sealed class StartEventBehaviour : NodeBehaviour
{
    public override void Enter(ExecutionRun run, TokenState token, FlowNode node) => run.Schedule(token, ExecutionRun.StepKind.Leave);
}
