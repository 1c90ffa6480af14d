using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Runtime.Behaviours;

/// <summary>Receive tasks wait for their message (by <c>messageRef</c>, else by the task's name).</summary>
internal sealed class ReceiveTaskBehaviour : ActivityBehaviour
{
    protected override void Perform(ExecutionRun run, TokenState token, FlowNode node)
    {
        token.Phase = TokenPhase.Waiting;
        run.Subscribe(token, node, node.MessageName ?? node.Name ?? node.Id);
    }
}
