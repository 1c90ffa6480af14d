namespace WorkflowHost.Data.Entities;

/// <summary>States of timer and job rows: the row is the truth, Hangfire only executes.</summary>
public static class RowStatus
{
    public const string Pending = "pending";
    public const string Done = "done";
    public const string Cancelled = "cancelled";
    public const string Failed = "failed";
}

/// <summary>
/// A timer the engine scheduled, or the next occurrence of a published definition's timer start event
/// (then <see cref="DefinitionKey"/> is set and <see cref="InstanceId"/> repeats the row's own id). Fired at most once: firing
/// checks and flips <see cref="Status"/>.
/// </summary>
public sealed class TimerEntity
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public string? DefinitionKey { get; set; }
    public int? DefinitionVersion { get; set; }
    /// <summary>How many occurrences of a start timer cycle have fired before this one.</summary>
    public int Occurrence { get; set; }
    public long EngineTimerId { get; set; }
    public required string ElementId { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public required string Status { get; set; }
    /// <summary>The Hangfire job that will fire it, once the timer is inside the scheduling horizon.</summary>
    public string? HangfireJobId { get; set; }
    public DateTimeOffset? FiredAt { get; set; }
}

/// <summary>A service job requested by a service task; run by the handler registered for its topic.</summary>
public sealed class ServiceJobEntity
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public long EngineJobId { get; set; }
    public required string ElementId { get; set; }
    public required string Topic { get; set; }
    public required string PayloadJson { get; set; }
    public required string Status { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public string? HangfireJobId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An open message wait, indexed by name and the instance's business key for correlation.</summary>
public sealed class MessageSubscriptionEntity
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public long EngineSubscriptionId { get; set; }
    public required string MessageName { get; set; }
    public string? BusinessKey { get; set; }
    public required string ElementId { get; set; }
}

/// <summary>An open signal wait (intermediate catch, boundary or event-subprocess start), found by the signal's name on a broadcast.</summary>
public sealed class SignalSubscriptionEntity
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public long EngineSubscriptionId { get; set; }
    public required string SignalName { get; set; }
    public required string ElementId { get; set; }
}

/// <summary>An incident: execution stopped at an element until an operator retries.</summary>
public sealed class IncidentEntity
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public long EngineIncidentId { get; set; }
    public required string ElementId { get; set; }
    public required string Message { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
}

/// <summary>
/// History of element executions (the electronic process control slip is built from it). Keyed by the engine's
/// element-instance id, which is unique inside an instance, so ending a step updates its row without reading it first.
/// </summary>
public sealed class HistoryEntity
{
    public Guid InstanceId { get; set; }
    public long ElementInstanceId { get; set; }
    public required string ElementId { get; set; }
    public required string ElementType { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public bool Cancelled { get; set; }
}

/// <summary>Kinds and states of outbox rows.</summary>
public static class OutboxKind
{
    public const string Message = "message";
    public const string Signal = "signal";
}

/// <summary>States of an outbox row: pending until delivered (done) or found undeliverable (kept for an operator's retry).</summary>
public static class OutboxStatus
{
    public const string Pending = "pending";
    public const string Done = "done";
    public const string Undeliverable = "undeliverable";
}

/// <summary>
/// Messages and signals a process threw (or a signal broadcast from outside), committed with the state and delivered
/// afterwards by a Hangfire job. <see cref="InstanceId"/> is the thrower, <see cref="Guid.Empty"/> for a broadcast
/// from the API.
/// </summary>
public sealed class OutboxEntity
{
    public long Id { get; set; }
    public Guid InstanceId { get; set; }
    public required string Kind { get; set; }
    public required string Name { get; set; }
    public required string PayloadJson { get; set; }
    /// <summary>For a message: the business key of the instance it is for (null reaches every instance waiting for it).</summary>
    public string? CorrelationKey { get; set; }
    /// <summary>For a broadcast by a process owner: it reaches only the procedures that user owns (null: every procedure).</summary>
    public string? OwnerScope { get; set; }
    public string Status { get; set; } = OutboxStatus.Pending;
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public string? HangfireJobId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DispatchedAt { get; set; }
}

/// <summary>
/// One delivery of an outbox row to one instance (or the start of one instance, keyed by a name-derived id),
/// written in the same transaction as that instance's new state: its key makes every delivery happen once, whichever
/// node runs the job and however often.
/// </summary>
public sealed class OutboxDeliveryEntity
{
    public long OutboxId { get; set; }
    public Guid InstanceId { get; set; }
    public DateTimeOffset DeliveredAt { get; set; }
}
