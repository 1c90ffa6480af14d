namespace WorkflowHost.Data.Entities;

/// <summary>Task states as the inbox shows them.</summary>
public static class TaskState
{
    public const string Open = "open";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
}

/// <summary>Kinds of <see cref="TaskCandidateEntity"/>: who may claim a task.</summary>
public static class CandidateKind
{
    public const string Group = "group";
    public const string User = "user";
}

/// <summary>A human task in the inbox, projected from the engine's TaskCreated effect.</summary>
public sealed class TaskEntity
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    /// <summary>The engine's id of the task inside its instance.</summary>
    public long EngineTaskId { get; set; }
    public required string ElementId { get; set; }
    public string? Name { get; set; }
    public required string ElementType { get; set; }
    public string? Assignee { get; set; }
    public string? FormKey { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    /// <summary><c>name@version</c> of the business calendar a working-time due date was computed with; null for calendar time.</summary>
    public string? DueCalendar { get; set; }
    public required string State { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? CompletedBy { get; set; }
    /// <summary>The dossier the task's instance runs, if any.</summary>
    public Guid? DossierId { get; set; }
    /// <summary>The unit whose staff work the task (from <c>wh:unit</c> and the dossier's units); null outside dossiers.</summary>
    public string? UnitCode { get; set; }
    /// <summary>When the step passed its due instant while still open (set by its at-due reminder); null while on time.</summary>
    public DateTimeOffset? OverdueAt { get; set; }
    public List<TaskCandidateEntity> Candidates { get; set; } = [];
}

/// <summary>A group or user who may claim a task; a row per candidate keeps inbox queries indexed.</summary>
public sealed class TaskCandidateEntity
{
    public Guid TaskId { get; set; }
    /// <summary><see cref="CandidateKind.Group"/> or <see cref="CandidateKind.User"/>.</summary>
    public required string Kind { get; set; }
    public required string Name { get; set; }
}
