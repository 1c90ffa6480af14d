namespace WorkflowHost.Procedures.Calendars;

/// <summary>
/// A computed deadline and how it was reached. It names the calendar and the calendar version it was computed with,
/// so a deadline computed before a calendar file changed (a holiday announced late) can be found and recomputed.
/// </summary>
/// <param name="DueAt">The instant the deadline falls, in the calendar's time zone offset.</param>
/// <param name="Calendar">Name of the calendar used (e.g. <c>vn-government</c>).</param>
/// <param name="CalendarVersion">Version of that calendar's files (see <see cref="BusinessCalendar.Version"/>).</param>
/// <param name="Explanation">The days looked at, in order: the day of receipt, every day skipped and why, every day counted.</param>
public sealed record Deadline(DateTimeOffset DueAt, string Calendar, string CalendarVersion, IReadOnlyList<DeadlineStep> Explanation);

/// <summary>One day of a deadline's explanation.</summary>
/// <param name="Day">The local calendar day.</param>
/// <param name="Kind">One of the <see cref="DeadlineStepKinds"/>: what the day was for the count.</param>
/// <param name="Reason">A sentence for a person: the holiday and its legal source, "Sunday", "working day 3 of 5"…</param>
public sealed record DeadlineStep(DateOnly Day, string Kind, string Reason);

/// <summary>The values of <see cref="DeadlineStep.Kind"/>.</summary>
public static class DeadlineStepKinds
{
    /// <summary>The day the dossier counts as received; counting starts after it.</summary>
    public const string Received = "received";
    /// <summary>Received after the end of office hours: counted as received the next working day.</summary>
    public const string AfterHours = "after-hours";
    /// <summary>Received after a procedure's same-day cut-off: due the next working day.</summary>
    public const string Cutoff = "cutoff";
    /// <summary>A weekly rest day, skipped.</summary>
    public const string Weekend = "weekend";
    /// <summary>A public holiday (or a day in lieu of one), skipped.</summary>
    public const string Holiday = "holiday";
    /// <summary>A weekday given off in exchange for a make-up working Saturday, skipped.</summary>
    public const string Swapped = "swapped";
    /// <summary>A working day (or part of one) that counts toward the limit.</summary>
    public const string Counted = "counted";
}
