namespace WorkflowHost.Data.Entities;

/// <summary>
/// Audit of a deadline that moved after it was set: a dossier's appointment or a step's due date, moved by a pause of
/// the clock, an apology with a new date, or a re-planning after its calendar changed. Append-only.
/// </summary>
public sealed class DeadlineChangeEntity
{
    public long Id { get; set; }
    public Guid DossierId { get; set; }
    /// <summary>The step whose due date moved; null when the dossier's appointment moved.</summary>
    public Guid? TaskId { get; set; }
    /// <summary>One of <see cref="DeadlineChangeCause"/>.</summary>
    public required string Cause { get; set; }
    public DateTimeOffset? OldDueAt { get; set; }
    public DateTimeOffset NewDueAt { get; set; }
    /// <summary><c>name@version</c> of the calendar the new date was computed with.</summary>
    public string? Calendar { get; set; }
    public DateTimeOffset At { get; set; }
    public string? By { get; set; }
}

/// <summary>Why a deadline moved.</summary>
public static class DeadlineChangeCause
{
    public const string Pause = "pause";
    public const string Extension = "extension";
    public const string Calendar = "calendar";
}

/// <summary>
/// One re-planning of open deadlines after a calendar's files changed, with how many deadlines it moved (two nodes
/// noticing one change each write a row; each deadline is moved by one of them only).
/// </summary>
public sealed class CalendarReplanEntity
{
    public long Id { get; set; }
    public required string Calendar { get; set; }
    public required string Version { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int DossiersMoved { get; set; }
    public int StepsMoved { get; set; }
}
