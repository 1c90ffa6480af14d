using System.Text.Json.Nodes;

namespace WorkflowHost.Engine.Runtime;

/// <summary>
/// Something the host must do or record after it has committed the new state. Effects are listed in the order the
/// engine produced them; the host commits them in the same transaction as the state.
/// </summary>
public abstract record EngineEffect;

/// <summary>A human task is now open in the inbox.</summary>
public sealed record TaskCreated(
    long TaskId,
    string ElementId,
    string? Name,
    string ElementType,
    IReadOnlyList<string> CandidateGroups,
    IReadOnlyList<string> CandidateUsers,
    string? Assignee,
    string? FormKey,
    DateTimeOffset? DueAt,
    IReadOnlyDictionary<string, string> Properties) : EngineEffect;

/// <summary>A task was completed by a <see cref="CompleteUserTask"/> command.</summary>
public sealed record TaskCompleted(long TaskId) : EngineEffect;

/// <summary>An open task was withdrawn (boundary event, cancel, terminate end event, gateway race).</summary>
public sealed record TaskCancelled(long TaskId) : EngineEffect;

/// <summary>A timer is due at an absolute time; the host must later send <see cref="FireTimer"/>.</summary>
public sealed record TimerScheduled(long TimerId, string ElementId, DateTimeOffset DueAt) : EngineEffect;

/// <summary>A scheduled timer is no longer wanted; firing it later would be a no-op.</summary>
public sealed record TimerCancelled(long TimerId) : EngineEffect;

/// <summary>A service job must run: the host looks up the handler for <paramref name="Topic"/>.</summary>
public sealed record ServiceJobRequested(long JobId, string ElementId, string Topic, JsonObject Payload) : EngineEffect;

/// <summary>A requested service job is no longer wanted (its activity was interrupted).</summary>
public sealed record ServiceJobCancelled(long JobId) : EngineEffect;

/// <summary>The instance now waits for a message of this name.</summary>
public sealed record MessageSubscriptionOpened(long SubscriptionId, string MessageName, string ElementId) : EngineEffect;

/// <summary>The instance no longer waits for that message.</summary>
public sealed record MessageSubscriptionClosed(long SubscriptionId) : EngineEffect;

/// <summary>The instance now waits for a broadcast signal of this name.</summary>
public sealed record SignalSubscriptionOpened(long SubscriptionId, string SignalName, string ElementId) : EngineEffect;

/// <summary>The instance no longer waits for that signal.</summary>
public sealed record SignalSubscriptionClosed(long SubscriptionId) : EngineEffect;

/// <summary>A send task, message throw event or message end event produced a message.</summary>
public sealed record MessageSent(string ElementId, string MessageName, JsonObject Payload) : EngineEffect;

/// <summary>A signal throw or signal end event was reached.</summary>
public sealed record SignalThrown(string ElementId, string SignalName) : EngineEffect;

/// <summary>History: an element started executing.</summary>
public sealed record ElementStarted(long ElementInstanceId, string ElementId, string ElementType, DateTimeOffset At) : EngineEffect;

/// <summary>History: an element finished; <paramref name="Reason"/> says how (<see cref="Cancelled"/> when it did not finish its work).</summary>
public sealed record ElementEnded(long ElementInstanceId, string ElementId, string ElementType, DateTimeOffset At, TokenEndReason Reason) : EngineEffect
{
    /// <summary>True when the element was withdrawn before it finished its own work.</summary>
    public bool Cancelled => Reason.IsCancellation();
}

/// <summary>The instance reached its end normally.</summary>
public sealed record InstanceCompleted : EngineEffect;

/// <summary>The instance was cancelled or ended at a terminate end event.</summary>
public sealed record InstanceTerminated(string? Reason) : EngineEffect;

/// <summary>Execution stopped at an element; the instance keeps its state and may be retried.</summary>
public sealed record IncidentRaised(long IncidentId, string ElementId, string Message) : EngineEffect;

/// <summary>An incident was resolved by a retry.</summary>
public sealed record IncidentResolved(long IncidentId) : EngineEffect;
