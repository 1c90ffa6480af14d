namespace WorkflowHost.Engine.Model;

/// <summary>The executable kinds of BPMN flow node; anything else is refused by validation.</summary>
public enum NodeKind
{
    StartEvent,
    EndEvent,
    IntermediateCatchEvent,
    IntermediateThrowEvent,
    BoundaryEvent,
    Task,
    UserTask,
    ManualTask,
    ServiceTask,
    ScriptTask,
    SendTask,
    ReceiveTask,
    BusinessRuleTask,
    ExclusiveGateway,
    ParallelGateway,
    InclusiveGateway,
    EventBasedGateway,
    SubProcess,
    CallActivity,
    /// <summary>A BPMN element the parser kept but the engine cannot execute (e.g. complexGateway, transaction).</summary>
    Unsupported,
}

/// <summary>The event definition inside an event element.</summary>
public enum EventKind { None, Message, Timer, Error, Signal, Terminate, Link, Conditional, Escalation, Compensate, Cancel, Multiple }

/// <summary>Helpers over <see cref="NodeKind"/>.</summary>
public static class NodeKinds
{
    /// <summary>True for tasks, subprocesses and call activities (elements that can carry boundary events and loops).</summary>
    public static bool IsActivity(this NodeKind kind) => kind is NodeKind.Task or NodeKind.UserTask or NodeKind.ManualTask
        or NodeKind.ServiceTask or NodeKind.ScriptTask or NodeKind.SendTask or NodeKind.ReceiveTask
        or NodeKind.BusinessRuleTask or NodeKind.SubProcess or NodeKind.CallActivity;

    public static bool IsGateway(this NodeKind kind) => kind is NodeKind.ExclusiveGateway or NodeKind.ParallelGateway
        or NodeKind.InclusiveGateway or NodeKind.EventBasedGateway;
}
