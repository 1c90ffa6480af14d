using WorkflowHost.Engine.Timers;
using WorkflowHost.Procedures.Calendars;

namespace WorkflowHost.Procedures.Dossiers;

/// <summary>
/// Grades a step of the process control slip against its budget (<c>wh:stepBudget</c>) as the paper slip does:
/// late after the due instant; early when finished on a day before the due day (for budgets of a day or more) or
/// within the first half of the budget (for budgets under a day, where the day rule could never say early); on time
/// otherwise. A step whose due date is in working time (<c>wh:workingDays</c>, <c>wh:workingHours</c>) is graded
/// against that due date, moved by pauses, with the half measured in office time; a <c>wh:stepBudget</c> ISO duration
/// keeps its calendar meaning.
/// </summary>
public static class StepGrading
{
    /// <summary>Grades a step against its working-time due instant.</summary>
    public static StepGrade Grade(DateTimeOffset startedAt, DateTimeOffset endedAt, DateTimeOffset dueAt, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (endedAt > dueAt) return StepGrade.Late;
        var budget = calendar.WorkingTimeBetween(startedAt, dueAt, []);
        if (budget < OneWorkingDay(calendar, dueAt))
            return calendar.WorkingTimeBetween(startedAt, endedAt, []) <= budget / 2 ? StepGrade.Early : StepGrade.OnTime;
        var zone = calendar.TimeZone;
        var endDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(endedAt, zone).DateTime);
        var dueDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(dueAt, zone).DateTime);
        return endDay < dueDay ? StepGrade.Early : StepGrade.OnTime;
    }

    private static TimeSpan OneWorkingDay(BusinessCalendar calendar, DateTimeOffset near)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(near, calendar.TimeZone).DateTime);
        for (var i = 0; i < 14; i++, day = day.AddDays(-1))
            if (calendar.IsWorkingDay(day)) return calendar.OfficeHoursOn(day).Aggregate(TimeSpan.Zero, (sum, s) => sum + (s.To - s.From));
        return TimeSpan.FromHours(8);
    }

    public static StepGrade? Grade(DateTimeOffset startedAt, DateTimeOffset endedAt, string? budget, TimeZoneInfo zone)
    {
        if (string.IsNullOrWhiteSpace(budget) || !IsoDuration.TryParse(budget, out var duration, out _)) return null;
        var due = PlainCalendarAdd(startedAt, duration);
        if (endedAt > due) return StepGrade.Late;
        var span = due - startedAt;
        if (span < TimeSpan.FromDays(1))
            return endedAt - startedAt <= span / 2 ? StepGrade.Early : StepGrade.OnTime;
        var endDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(endedAt, zone).DateTime);
        var dueDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(due, zone).DateTime);
        return endDay < dueDay ? StepGrade.Early : StepGrade.OnTime;
    }

    private static DateTimeOffset PlainCalendarAdd(DateTimeOffset from, IsoDuration duration) => PlainCalendar.Instance.Add(from, duration);

    /// <summary>The word the API and the slip use.</summary>
    public static string Word(StepGrade grade) => grade switch
    {
        StepGrade.Early => "early",
        StepGrade.OnTime => "onTime",
        _ => "late",
    };
}
