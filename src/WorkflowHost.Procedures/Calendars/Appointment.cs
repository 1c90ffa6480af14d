using WorkflowHost.Procedures.Catalogue;

namespace WorkflowHost.Procedures.Calendars;

/// <summary>The appointment date (ngày hẹn trả kết quả) of a dossier, from its procedure's statutory time limit.</summary>
public static class Appointment
{
    /// <summary>
    /// Computes the appointment for a dossier received at <paramref name="receivedAt"/>:
    /// <see cref="TimeLimitKind.SameDay"/> uses <see cref="BusinessCalendar.SameDay"/> with the limit's cut-off (without
    /// one, a dossier received during office hours is due the same day); <see cref="TimeLimitKind.WorkingDays"/> uses
    /// <see cref="BusinessCalendar.AddWorkingDays"/>; <see cref="TimeLimitKind.WorkingHours"/> uses
    /// <see cref="BusinessCalendar.AddWorkingHours"/>. A cut-off on a working-day or working-hour limit is ignored: the
    /// legal texts found set a cut-off only for same-day procedures.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The limit's value does not fit its kind (a fractional or non-positive
    /// number of working days, non-positive hours), or the deadline would leave the calendar's years.</exception>
    public static Deadline Compute(TimeLimit limit, DateTimeOffset receivedAt, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(limit);
        ArgumentNullException.ThrowIfNull(calendar);
        return limit.Kind switch
        {
            TimeLimitKind.SameDay => calendar.SameDayCore(receivedAt, limit.Cutoff),
            TimeLimitKind.WorkingDays when limit.Value >= 1 && limit.Value <= int.MaxValue && decimal.Truncate(limit.Value) == limit.Value =>
                calendar.AddWorkingDays(receivedAt, (int)limit.Value),
            TimeLimitKind.WorkingDays => throw new ArgumentOutOfRangeException(nameof(limit), limit,
                $"A limit of {limit.Value} working days is not a whole number of at least 1; write a fractional limit in working hours."),
            TimeLimitKind.WorkingHours => calendar.AddWorkingHours(receivedAt, limit.Value),
            _ => throw new ArgumentOutOfRangeException(nameof(limit), limit, $"Unknown time limit kind {limit.Kind}."),
        };
    }
}
