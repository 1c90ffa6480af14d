namespace WorkflowHost.Procedures.Calendars;

/// <summary>
/// A legal clock that stops while the dossier waits on the applicant (awaiting supplement, awaiting payment): the
/// clock is its running intervals, so a deadline moves by the working time of every pause that fell after the clock
/// started. Shifting by each pause as it ends and recomputing from all pauses at once give the same instant, because
/// adding working time is additive; re-planning after a calendar change relies on that.
/// </summary>
public static class PausedClock
{
    /// <summary>
    /// The office time covered by <paramref name="pauses"/> after <paramref name="since"/> (overlapping pauses count
    /// once; time outside office hours does not count, as it would not have counted toward the deadline either).
    /// </summary>
    public static TimeSpan PausedWorkingTime(DateTimeOffset since, IEnumerable<(DateTimeOffset From, DateTimeOffset To)> pauses, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(pauses);
        ArgumentNullException.ThrowIfNull(calendar);
        var relevant = pauses.Where(p => p.To > since).Select(p => (From: p.From < since ? since : p.From, p.To)).ToArray();
        if (relevant.Length == 0) return TimeSpan.Zero;
        var end = relevant.Max(p => p.To);
        return calendar.WorkingTimeBetween(since, end, []) - calendar.WorkingTimeBetween(since, end, relevant);
    }

    /// <summary><paramref name="due"/> moved by the working time paused after <paramref name="since"/>.</summary>
    public static DateTimeOffset Shift(DateTimeOffset due, DateTimeOffset since, IEnumerable<(DateTimeOffset From, DateTimeOffset To)> pauses,
        BusinessCalendar calendar) =>
        calendar.AddWorkingTime(due, PausedWorkingTime(since, pauses, calendar));
}
