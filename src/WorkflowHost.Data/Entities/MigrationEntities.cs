namespace WorkflowHost.Data.Entities;

/// <summary>Values of <see cref="MigrationEntity.Status"/>.</summary>
public static class MigrationStatus
{
    /// <summary>Accepted; instances are still pending. A job (or the resumer after a crash) works through them in batches.</summary>
    public const string Running = "running";
    /// <summary>Every instance has an outcome.</summary>
    public const string Completed = "completed";
}

/// <summary>Values of <see cref="MigrationInstanceEntity.Outcome"/>.</summary>
public static class MigrationOutcome
{
    public const string Pending = "pending";
    public const string Migrated = "migrated";
    /// <summary>The dry run at submission found it cannot move (reason recorded); it was never touched.</summary>
    public const string Refused = "refused";
    /// <summary>It could move at submission but no longer could when its turn came (it advanced or ended meanwhile).</summary>
    public const string Failed = "failed";
}

/// <summary>
/// One migration of running instances of a procedure from one version to another. This row and its
/// <see cref="MigrationInstanceEntity"/> rows are the truth: the Hangfire job only works off pending rows, so a job
/// that dies mid-way is resumed by the next one without redoing any instance.
/// </summary>
public sealed class MigrationEntity
{
    public Guid Id { get; set; }
    public required string DefinitionKey { get; set; }
    public int FromVersion { get; set; }
    public int ToVersion { get; set; }
    /// <summary>The old-to-new element id map as JSON (ids not in it map to themselves).</summary>
    public required string ElementMapJson { get; set; }
    public required string Status { get; set; }
    public int Total { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public required string CreatedBy { get; set; }
    /// <summary>The Hangfire job working on it, so the resumer can tell a live job from a lost one.</summary>
    public string? HangfireJobId { get; set; }
}

/// <summary>One instance of a migration and what happened to it.</summary>
public sealed class MigrationInstanceEntity
{
    public Guid MigrationId { get; set; }
    public Guid InstanceId { get; set; }
    public string? BusinessKey { get; set; }
    public required string Outcome { get; set; }
    /// <summary>Why it was refused or failed, in words a process owner can act on.</summary>
    public string? Reason { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
}

/// <summary>
/// Something done to an instance outside its process (a migration), kept for the record: who, when, what.
/// </summary>
public sealed class InstanceAuditEntity
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    /// <summary>What was done, e.g. "migrated".</summary>
    public required string Action { get; set; }
    public required string Actor { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>The details as JSON (for a migration: versions, migration id, the element moves).</summary>
    public required string DetailsJson { get; set; }
}
