using Microsoft.Extensions.Options;
using WorkflowHost.Engine.Timers;
using WorkflowHost.Procedures.Calendars;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Extensions;

/// <summary>The business calendars (decision 8): <c>&lt;workflows&gt;/calendars/</c>, loaded once per node.</summary>
public static class CalendarExtensions
{
    /// <summary>
    /// Registers <see cref="CalendarSet"/> as a singleton read from the <c>calendars</c> folder of
    /// <see cref="WorkflowHostOptions.WorkflowsDirectory"/>, found the way start-up finds the procedures. It is loaded on
    /// first use, so a node whose calendar files are invalid still serves everything else; the calendar endpoints then
    /// answer 500 and the log names the file, line and fault (<see cref="CalendarDataException"/>).
    /// </summary>
    public static IServiceCollection AddCalendars(this IServiceCollection services) =>
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<WorkflowHostOptions>>().Value;
            var directory = WorkflowsFolder.Resolve(options, sp.GetRequiredService<IWebHostEnvironment>().ContentRootPath) ?? options.WorkflowsDirectory;
            var calendars = CalendarSet.Load(Path.Combine(directory, "calendars"),
                sp.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<WorkflowHost.Procedures.Localization.CalendarMessages>>());
            sp.GetRequiredService<ILogger<CalendarSet>>().LogInformation("Business calendars loaded from {Directory}: {Calendars}",
                directory, string.Join(", ", calendars.Names.Select(n => $"{n} {calendars.Get(n).Version}")));
            return calendars;
        });
}

/// <summary>
/// The engine's calendar: plain ISO durations exactly as <see cref="PlainCalendar"/>; working time
/// (<c>wh:workingDays</c>, <c>wh:workingHours</c>) by the <see cref="CalendarSet.Default"/> calendar, resolved on first
/// use so that a node without calendar files still runs every process that does not ask for working time.
/// </summary>
internal sealed class EngineCalendar(IServiceProvider services) : IWorkingTimeCalendar
{
    public DateTimeOffset Add(DateTimeOffset from, IsoDuration duration) => PlainCalendar.Instance.Add(from, duration);

    public DateTimeOffset AddWorkingDays(DateTimeOffset from, int days) => Default().AddWorkingDays(from, days).DueAt;

    public DateTimeOffset AddWorkingHours(DateTimeOffset from, decimal hours) => Default().AddWorkingHours(from, hours).DueAt;

    private BusinessCalendar Default()
    {
        try
        {
            return services.GetRequiredService<CalendarSet>().Get(CalendarSet.Default);
        }
        catch (Exception e) when (e is CalendarDataException or KeyNotFoundException)
        {
            // The engine turns this exception (only) into an incident on the task: the process owner sees why.
            throw new ArgumentOutOfRangeException(nameof(CalendarSet), $"The business calendar is unavailable: {e.Message}");
        }
    }
}
