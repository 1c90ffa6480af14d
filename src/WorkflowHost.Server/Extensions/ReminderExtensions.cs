using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using WorkflowHost.Server.Notifications;
using WorkflowHost.Server.Reminders;

namespace WorkflowHost.Server.Extensions;

/// <summary>Registrations of reminders, escalations and the in-app and e-mail channels (issue 11).</summary>
public static class ReminderExtensions
{
    public static IServiceCollection AddReminders(this IServiceCollection services, IConfiguration configuration, StorageSettings storage)
    {
        services.Configure<SmtpOptions>(configuration.GetSection("WorkflowHost:Smtp"));
        services.AddSignalR();
        // Browsers cannot set headers on a WebSocket: a bearer token comes as ?access_token= on the hub's path only.
        services.Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, o => o.Events.OnMessageReceived = context =>
        {
            if (context.Request.Path.StartsWithSegments(NotificationsHub.Path) && context.Request.Query["access_token"] is { Count: 1 } token)
                context.Token = token[0];
            return Task.CompletedTask;
        });
        services.AddScoped<ReminderPlanner>();
        services.AddScoped<ReminderScheduler>();
        services.AddScoped<ReminderRecipients>();
        services.AddScoped<ReminderFiring>();
        services.AddScoped<ReminderJobs>();
        services.AddScoped<Notifier>();
        AddLiveChannel(services, configuration, storage);
        services.AddScoped<NotificationService>();
        services.AddSingleton<EmailSender>();
        services.AddScoped<EmailJobs>();
        return services;
    }

    /// <summary>
    /// One node (SQLite) pushes straight to its hub. Several nodes share PostgreSQL: no SignalR backplane for it is
    /// served by our registry (only Redis and Azure ones), so pushes go through a log in the database that every node
    /// tails, woken by LISTEN/NOTIFY (docs/deadlines.md, "Live pushes on several nodes").
    /// </summary>
    private static void AddLiveChannel(IServiceCollection services, IConfiguration configuration, StorageSettings storage)
    {
        if (!storage.IsPostgres)
        {
            services.AddScoped<ILiveChannel, LocalLiveChannel>();
            return;
        }
        services.Configure<LiveRelayOptions>(configuration.GetSection("WorkflowHost:LiveRelay"));
        services.AddScoped<ILiveChannel, RelayedLiveChannel>();
        services.AddSingleton<PushWakeUps>();
        services.AddHostedService<LivePushRelay>();
        services.AddHealthChecks().AddCheck<LiveRelayHealthCheck>("live-relay");
    }
}
