using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Runtime.Behaviours;

/// <summary>
/// What one kind of flow node does when a token enters it. A behaviour either finishes at once (schedules the
/// token's completion) or opens a wait that a later command satisfies. Behaviours are stateless singletons.
/// </summary>
internal interface INodeBehaviour
{
    void Enter(ExecutionRun run, TokenState token, FlowNode node);
}

/// <summary>Maps node kinds to their behaviours.</summary>
internal static class NodeBehaviours
{
    private static readonly INodeBehaviour PassThrough = new PassThroughBehaviour();
    private static readonly INodeBehaviour UserTask = new UserTaskBehaviour();
    private static readonly INodeBehaviour ServiceTask = new ServiceTaskBehaviour();
    private static readonly INodeBehaviour ScriptTask = new ScriptTaskBehaviour();
    private static readonly INodeBehaviour SendTask = new SendTaskBehaviour();
    private static readonly INodeBehaviour ReceiveTask = new ReceiveTaskBehaviour();
    private static readonly INodeBehaviour SubProcess = new SubProcessBehaviour();
    private static readonly INodeBehaviour CallActivity = new CallActivityBehaviour();
    private static readonly INodeBehaviour Exclusive = new ExclusiveGatewayBehaviour();
    private static readonly INodeBehaviour Parallel = new ParallelGatewayBehaviour();
    private static readonly INodeBehaviour Inclusive = new InclusiveGatewayBehaviour();
    private static readonly INodeBehaviour EventBased = new EventBasedGatewayBehaviour();
    private static readonly INodeBehaviour EndEvent = new EndEventBehaviour();
    private static readonly INodeBehaviour CatchEvent = new CatchEventBehaviour();
    private static readonly INodeBehaviour ThrowEvent = new ThrowEventBehaviour();

    public static INodeBehaviour For(FlowNode node) => node.Kind switch
    {
        NodeKind.StartEvent or NodeKind.Task or NodeKind.BoundaryEvent => PassThrough,
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

/// <summary>Start events, boundary events and plain tasks: nothing to do, leave at once (plain tasks as in Camunda).</summary>
internal sealed class PassThroughBehaviour : INodeBehaviour
{
    public void Enter(ExecutionRun run, TokenState token, FlowNode node) =>
        run.Schedule(token, node.Kind.IsActivity() ? ExecutionRun.StepKind.Complete : ExecutionRun.StepKind.Leave);
}
