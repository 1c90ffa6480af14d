using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Runtime.Behaviours;

/// <summary>End events: none, terminate, error, message and signal.</summary>
internal sealed class EndEventBehaviour : INodeBehaviour
{
    public void Enter(ExecutionRun run, TokenState token, FlowNode node)
    {
        var definition = node.Event!;
        switch (definition.Kind)
        {
            case EventKind.Terminate:
                Terminate(run, token, node);
                return;
            case EventKind.Error:
                run.ThrowError(token, definition.ErrorCode, null, includeOwnBoundaries: false);
                return;
            case EventKind.Message:
                run.AddEffect(new MessageSent(node.Id, definition.MessageName ?? node.Id, run.VariablesFor(token).Snapshot()));
                break;
            case EventKind.Signal:
                run.AddEffect(new SignalThrown(node.Id, definition.SignalName ?? node.Id));
                break;
        }
        run.ConsumeToken(token);
    }

    /// <summary>Ends every token of the scope: the instance for a process, only the subprocess otherwise.</summary>
    private static void Terminate(ExecutionRun run, TokenState token, FlowNode node)
    {
        var scope = run.Scope(token.ScopeId);
        run.EndToken(token, cancelled: false);
        run.CancelScopeContents(scope);
        if (scope.ParentId is null)
        {
            run.EndInstance(InstanceStatus.Terminated, $"Terminate end event '{node.Id}' reached.");
            return;
        }
        run.CheckScopeEnd(scope);
    }
}

/// <summary>Intermediate catch events: timer, message and conditional wait; link catches pass through.</summary>
internal sealed class CatchEventBehaviour : INodeBehaviour
{
    public void Enter(ExecutionRun run, TokenState token, FlowNode node)
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

/// <summary>Intermediate throw events: none passes, message/signal are emitted, link jumps to its catch event.</summary>
internal sealed class ThrowEventBehaviour : INodeBehaviour
{
    public void Enter(ExecutionRun run, TokenState token, FlowNode node)
    {
        var definition = node.Event!;
        switch (definition.Kind)
        {
            case EventKind.Link:
                var target = node.Scope.Nodes.First(n => n.Kind == NodeKind.IntermediateCatchEvent && n.Event?.Kind == EventKind.Link && n.Event.LinkName == definition.LinkName);
                var scope = run.Scope(token.ScopeId);
                run.EndToken(token, cancelled: false);
                run.Arrive(scope, target, null);
                return;
            case EventKind.Message:
                run.AddEffect(new MessageSent(node.Id, definition.MessageName ?? node.Id, run.VariablesFor(token).Snapshot()));
                break;
            case EventKind.Signal:
                run.AddEffect(new SignalThrown(node.Id, definition.SignalName ?? node.Id));
                break;
        }
        run.Schedule(token, ExecutionRun.StepKind.Leave);
    }
}
