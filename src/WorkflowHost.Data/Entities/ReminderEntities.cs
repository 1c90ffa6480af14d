namespace WorkflowHost.Data.Entities;

/// <summary>Kinds of <see cref="ReminderEntity"/>: when, relative to a step's due instant, it fires.</summary>
public static class ReminderKind
{
    /// <summary>A working day (by the procedure's policy) before the step is due: warn who works it.</summary>
    public const string BeforeDue = "before-due";
    /// <summary>At the due instant: the step is breached; mark it overdue, remind who works it, tell the unit's leader and manager.</summary>
    public const string AtDue = "at-due";
}

/// <summary>
/// One planned reminder of an open step (task). The row is the truth (decision 7): Hangfire only holds a job for rows
/// due within the horizon, and firing flips <see cref="Status"/> so a duplicate job, a second node or a restart is a
/// no-op. Unique per task, kind and the step's due instant it was planned from: planning twice adds nothing, and a
/// moved due date plans new rows while the old ones are cancelled.
/// </summary>
public sealed class ReminderEntity
{
    public Guid Id { get; set; }
    public Guid TaskId { get; set; }
    public Guid? DossierId { get; set; }
    /// <summary><see cref="ReminderKind"/>.</summary>
    public required string Kind { get; set; }
    /// <summary>The step's due instant this row was planned from; a task whose due date moved no longer matches it.</summary>
    public DateTimeOffset TaskDueAt { get; set; }
    /// <summary>When the reminder fires (a working instant of the business calendar).</summary>
    public DateTimeOffset FireAt { get; set; }
    /// <summary><see cref="RowStatus"/>: pending, done (fired) or cancelled (step ended or due date moved).</summary>
    public required string Status { get; set; }
    public string? HangfireJobId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FiredAt { get; set; }
}

/// <summary>Kinds of <see cref="NotificationEntity"/>; the web app and e-mail word each one.</summary>
public static class NotificationKind
{
    /// <summary>A step you work (or your queue holds) is due within a working day.</summary>
    public const string DueSoon = "due-soon";
    /// <summary>A step you work (or your queue holds) reached its due instant.</summary>
    public const string DueNow = "due-now";
    /// <summary>A step of your unit passed its due instant (to the unit's leader and manager).</summary>
    public const string Breach = "breach";
}

/// <summary>States of a notification's e-mail.</summary>
public static class EmailState
{
    /// <summary>Waiting to be sent (or retried).</summary>
    public const string Pending = "pending";
    public const string Sent = "sent";
    /// <summary>Gave up after the configured attempts; <see cref="NotificationEntity.EmailError"/> says why.</summary>
    public const string Failed = "failed";
}

/// <summary>
/// A message to one person, shown by the bell of the web app and, when the recipient has an address and SMTP is
/// configured, e-mailed. Words are not stored: <see cref="Kind"/> and the facts (dossier, step, due instant) let each
/// channel word it in Vietnamese or English. <see cref="DedupKey"/> is unique, so a reminder fired twice (a retry, a
/// second node) cannot tell anyone twice.
/// </summary>
public sealed class NotificationEntity
{
    public long Id { get; set; }
    /// <summary>User name of the recipient.</summary>
    public required string Recipient { get; set; }
    /// <summary><see cref="NotificationKind"/>.</summary>
    public required string Kind { get; set; }
    public string? DossierCode { get; set; }
    public Guid? TaskId { get; set; }
    /// <summary>The step's name as the process names it.</summary>
    public string? Step { get; set; }
    public string? UnitCode { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
    /// <summary>What caused it and for whom (<c>reminder id:recipient</c>); unique.</summary>
    public required string DedupKey { get; set; }
    /// <summary>Null when no e-mail is due (no address, or SMTP off); else <see cref="EmailState"/>.</summary>
    public string? EmailStatus { get; set; }
    public string? EmailAddress { get; set; }
    public int EmailAttempts { get; set; }
    public string? EmailError { get; set; }
    public string? EmailJobId { get; set; }
}
