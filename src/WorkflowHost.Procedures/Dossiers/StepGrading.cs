using WorkflowHost.Engine.Timers;

namespace WorkflowHost.Procedures.Dossiers;

/// <summary>
/// Grades a step of the process control slip against its budget (<c>wh:stepBudget</c>) as the paper slip does:
/// late after the due instant; early when finished on a day before the due day (for budgets of a day or more) or
/// within the first half of the budget (for budgets under a day, where the day rule could never say early); on time
/// otherwise. Budgets count calendar time until working-day budgets land with the business calendar (issue 11).
/// </summary>
public static class StepGrading
{
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
