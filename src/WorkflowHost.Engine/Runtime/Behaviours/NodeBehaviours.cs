using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Runtime.Behaviours;

/// <summary>Maps node kinds to their behaviours.</summary>
internal static class NodeBehaviours
{
    private static readonly NodeBehaviour StartEvent = new StartEventBehaviour();
    private static readonly NodeBehaviour PlainTask = new PlainTaskBehaviour();
    private static readonly NodeBehaviour Boundary = new BoundaryEventBehaviour();
    private static readonly NodeBehaviour UserTask = new UserTaskBehaviour();
    private static readonly NodeBehaviour ServiceTask = new ServiceTaskBehaviour();
    private static readonly NodeBehaviour ScriptTask = new ScriptTaskBehaviour();
    private static readonly NodeBehaviour SendTask = new SendTaskBehaviour();
    private static readonly NodeBehaviour ReceiveTask = new ReceiveTaskBehaviour();
    private static readonly NodeBehaviour SubProcess = new SubProcessBehaviour();
    private static readonly NodeBehaviour CallActivity = new CallActivityBehaviour();
    private static readonly NodeBehaviour Exclusive = new ExclusiveGatewayBehaviour();
    private static readonly NodeBehaviour Parallel = new ParallelGatewayBehaviour();
    private static readonly NodeBehaviour Inclusive = new InclusiveGatewayBehaviour();
    private static readonly NodeBehaviour EventBased = new EventBasedGatewayBehaviour();
    private static readonly NodeBehaviour EndEvent = new EndEventBehaviour();
    private static readonly NodeBehaviour CatchEvent = new CatchEventBehaviour();
    private static readonly NodeBehaviour ThrowEvent = new ThrowEventBehaviour();

    public static NodeBehaviour For(FlowNode node) => node.Kind switch
    {
        NodeKind.StartEvent => StartEvent,
        NodeKind.Task => PlainTask,
        NodeKind.BoundaryEvent => Boundary,
        NodeKind.UserTask or NodeKind.ManualTask => UserTask,
        NodeKind.ServiceTask or NodeKind.BusinessRuleTask => ServiceTask,
        NodeKind.ScriptTask => ScriptTask,
        NodeKind.SendTask => SendTask,
        NodeKind.ReceiveTask => ReceiveTask,
        NodeKind.SubProcess => SubProcess,
        NodeKind.CallActivity => CallActivity,
        NodeKind.ExclusiveGateway => Exclusive,
        NodeKind.ParallelGateway => Parallel,
        NodeKind.InclusiveGateway => Inclusive,
        NodeKind.EventBasedGateway => EventBased,
        NodeKind.EndEvent => EndEvent,
        NodeKind.IntermediateCatchEvent => CatchEvent,
        NodeKind.IntermediateThrowEvent => ThrowEvent,
        _ => throw new ProcessFailure($"{ExecutionRun.Describe(node)} cannot be executed."),
    };
}
