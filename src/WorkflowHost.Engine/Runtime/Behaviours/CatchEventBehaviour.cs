using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Runtime.Behaviours;

/// <summary>Intermediate catch events: timer, message, signal and conditional wait; link catches pass through.</summary>
internal sealed class CatchEventBehaviour : NodeBehaviour
{
    public override void Enter(ExecutionRun run, TokenState token, FlowNode node)
    {
        var definition = node.Event!;
        token.Phase = TokenPhase.Waiting;
        switch (definition.Kind)
        {
            case EventKind.Timer:
                run.ScheduleTimer(token, node);
                break;
            case EventKind.Message:
                run.Subscribe(token, node, definition.MessageName!);
                break;
            case EventKind.Signal:
                run.ListenForSignal(WaitOwner.Of(token), node, definition.SignalName!);
                break;
            case EventKind.Conditional:
                if (run.Condition(definition.Condition!, token, "condition")) run.Schedule(token, ExecutionRun.StepKind.Leave);
                else run.WaitForCondition(token, node);
                break;
            default:
                run.Schedule(token, ExecutionRun.StepKind.Leave);
                break;
        }
    }
}
