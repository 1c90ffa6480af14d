using Microsoft.Extensions.Options;
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
            var workflows = sp.GetRequiredService<IOptions<WorkflowHostOptions>>().Value.WorkflowsDirectory;
            var environment = sp.GetRequiredService<IWebHostEnvironment>();
            var directory = Path.IsPathRooted(workflows)
                ? workflows
                : StartupTasks.FindUpwards(Directory.GetCurrentDirectory(), workflows) ?? StartupTasks.FindUpwards(environment.ContentRootPath, workflows) ?? workflows;
            var calendars = CalendarSet.Load(Path.Combine(directory, "calendars"));
            sp.GetRequiredService<ILogger<CalendarSet>>().LogInformation("Business calendars loaded from {Directory}: {Calendars}",
                directory, string.Join(", ", calendars.Names.Select(n => $"{n} {calendars.Get(n).Version}")));
            return calendars;
        });
}
