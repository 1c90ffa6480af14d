using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Extensions;

/// <summary>Registrations of the one-stop domain: reference data, dossiers, their projection from the process.</summary>
public static class OneStopExtensions
{
    public static IServiceCollection AddOneStop(this IServiceCollection services, WorkflowHostOptions options)
    {
        services.AddSingleton(sp =>
        {
            var environment = sp.GetRequiredService<IWebHostEnvironment>();
            var directory = WorkflowsFolder.Resolve(sp.GetRequiredService<IOptions<WorkflowHostOptions>>().Value, environment.ContentRootPath)
                ?? throw new InvalidOperationException($"The workflows folder '{options.WorkflowsDirectory}' was not found; it holds the units and the procedure catalogue.");
            return OneStopData.Load(directory, sp.GetService<WorkflowHost.Procedures.Calendars.CalendarSet>(), TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone));
        });
        services.AddSingleton<TaskForms>();
        services.AddScoped<DossierProjector>();
        services.AddScoped<DossierClock>();
        services.AddScoped<DossierExtensions>();
        services.AddScoped<CalendarReplanner>();
        services.AddHostedService<Jobs.CalendarWatcher>();
        services.AddScoped<DossierService>();
        services.AddScoped<DossierQueries>();
        services.AddScoped<PeopleNames>();
        services.AddScoped<TaskHandover>();
        services.AddSingleton(sp => new WorkflowHost.Procedures.Units.UnitResolver(sp.GetRequiredService<OneStopData>().Units,
            sp.GetRequiredService<IStringLocalizer<WorkflowHost.Procedures.Localization.RoutingMessages>>()));
        services.AddSingleton(sp => new WorkflowHost.Procedures.Routing.Router(sp.GetRequiredService<OneStopData>().Units,
            sp.GetRequiredService<WorkflowHost.Procedures.Units.UnitResolver>(), sp.GetRequiredService<IStringLocalizer<WorkflowHost.Procedures.Localization.RoutingMessages>>()));
        services.AddSingleton<RoutingTableCache>();
        services.AddScoped<RoutingTables>();
        services.AddScoped<RoutingService>();
        services.AddScoped<CustodyService>();
        services.AddScoped<CutoverService>();
        services.AddScoped<Services.Reports.SlaReports>();
        services.AddScoped<Services.Reports.SlaRollup>();
        services.AddScoped<Services.Reports.SlaRollupReports>();
        services.AddScoped<Services.Reports.DeadlineWatch>();
        services.AddScoped<Services.Reports.Bottlenecks>();
        return services;
    }
}
