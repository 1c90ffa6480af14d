using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using WorkflowHost.Server.Notifications;
using WorkflowHost.Server.Reminders;

namespace WorkflowHost.Server.Extensions;

/// <summary>Registrations of reminders, escalations and the in-app and e-mail channels (issue 11).</summary>
public static class ReminderExtensions
{
    public static IServiceCollection AddReminders(this IServiceCollection services, IConfiguration configuration)
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
        services.AddScoped<NotificationService>();
        services.AddSingleton<EmailSender>();
        services.AddScoped<EmailJobs>();
        return services;
    }
}
