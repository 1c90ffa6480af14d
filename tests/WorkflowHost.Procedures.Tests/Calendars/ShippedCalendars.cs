using WorkflowHost.Procedures.Calendars;

namespace WorkflowHost.Procedures.Tests.Calendars;

/// <summary>The real calendar files of workflows/calendars/, as the test project copies them next to the tests.</summary>
internal static class ShippedCalendars
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "workflows", "calendars");

    private static readonly Lazy<CalendarSet> Set = new(() => CalendarSet.Load(Directory));

    public static CalendarSet All => Set.Value;

    public static BusinessCalendar Government => Set.Value.Get(CalendarSet.Default);

    /// <summary>A local instant in Vietnam (UTC+7).</summary>
    public static DateTimeOffset Vn(int year, int month, int day, int hour, int minute, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.FromHours(7));

    /// <summary>The steps of an explanation as (day, kind) pairs, for comparing a whole sequence at once.</summary>
    public static List<(string Day, string Kind)> Steps(Deadline deadline) =>
        deadline.Explanation.Select(s => (s.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), s.Kind)).ToList();
}
