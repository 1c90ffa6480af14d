using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Runtime.Behaviours;

/// <summary>Service and business-rule tasks: request a job for the handler registered for the topic, then wait.</summary>
internal sealed class ServiceTaskBehaviour : ActivityBehaviour
{
    protected override void Perform(ExecutionRun run, TokenState token, FlowNode node) => run.RequestJob(token, node);
}
