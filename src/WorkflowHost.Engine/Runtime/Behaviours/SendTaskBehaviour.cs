using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Runtime.Behaviours;

/// <summary>Send tasks with a topic run as service jobs; without one they emit the message and continue.</summary>
internal sealed class SendTaskBehaviour : ActivityBehaviour
{
    protected override void Perform(ExecutionRun run, TokenState token, FlowNode node)
    {
        if (!string.IsNullOrWhiteSpace(node.Topic))
        {
            run.RequestJob(token, node);
            return;
        }
        run.AddEffect(new MessageSent(node.Id, node.MessageName ?? node.Name ?? node.Id, run.VariablesFor(token).Snapshot()));
        run.Schedule(token, ExecutionRun.StepKind.Complete);
    }
}
