using WorkflowHost.Procedures.Calendars;

namespace WorkflowHost.Procedures.Reminders;

/// <summary>When, relative to a step's due instant, a reminder fires.</summary>
public enum ReminderMoment
{
    /// <summary><see cref="ReminderPolicy.BeforeDueWorkingDays"/> working days before the due instant.</summary>
    BeforeDue,
    /// <summary>At the due instant: the step is breached if still open.</summary>
    AtDue,
}

/// <summary>A reminder to plan: its moment and the instant it fires.</summary>
public sealed record PlannedReminder(ReminderMoment Moment, DateTimeOffset FireAt);

/// <summary>
/// The reminders of one open step, from its due instant, the procedure's <see cref="ReminderPolicy"/> and the business
/// calendar. Pure: the host turns the result into rows.
/// </summary>
public static class ReminderPlan
{
    /// <summary>
    /// The at-due reminder always (it marks the breach); the early warning at the same local time
    /// <see cref="ReminderPolicy.BeforeDueWorkingDays"/> working days earlier — skipping weekends, holidays and swapped
    /// days off — unless that is not after <paramref name="openedAt"/> (a step shorter than a working day has no early
    /// warning: whoever works it has just been handed it) or falls outside the years the calendar covers.
    /// </summary>
    public static IReadOnlyList<PlannedReminder> For(DateTimeOffset openedAt, DateTimeOffset dueAt, ReminderPolicy policy, BusinessCalendar calendar)
    {
        var plan = new List<PlannedReminder>(2);
        if (policy.BeforeDueWorkingDays > 0 && WorkingDaysBefore(dueAt, policy.BeforeDueWorkingDays, calendar) is { } early && early > openedAt)
            plan.Add(new PlannedReminder(ReminderMoment.BeforeDue, early));
        plan.Add(new PlannedReminder(ReminderMoment.AtDue, dueAt));
        return plan;
    }

    /// <summary>The same local time of day <paramref name="days"/> working days before <paramref name="instant"/>; null outside the calendar's years.</summary>
    public static DateTimeOffset? WorkingDaysBefore(DateTimeOffset instant, int days, BusinessCalendar calendar)
    {
        var local = TimeZoneInfo.ConvertTime(instant, calendar.TimeZone);
        var day = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        try
        {
            for (var counted = 0; counted < days;)
            {
                day = day.AddDays(-1);
                if (calendar.IsWorkingDay(day)) counted++;
            }
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
        var wall = day.ToDateTime(time);
        return new DateTimeOffset(wall, calendar.TimeZone.GetUtcOffset(wall));
    }
}
