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

/// <summary>Messages and signals the process sent, committed with the state and dispatched afterwards.</summary>
public sealed class OutboxEntity
{
    public long Id { get; set; }
    public Guid InstanceId { get; set; }
    public required string Kind { get; set; }
    public required string Name { get; set; }
    public required string PayloadJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DispatchedAt { get; set; }
}
