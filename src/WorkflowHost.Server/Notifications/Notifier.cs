using Microsoft.AspNetCore.SignalR;
using WorkflowHost.Data;
using WorkflowHost.Server.Reminders;

namespace WorkflowHost.Server.Notifications;

/// <summary>
/// After a reminder's notifications are committed: pushes each to its recipient's connections, pushes a breach to the
/// unit's connections, and queues the e-mails. Nothing here throws back into the caller: the rows are already the
/// truth, a missed push is seen at the next GET /api/notifications, a missed e-mail job is re-queued by the reconciler.
/// </summary>
public sealed class Notifier(IHubContext<NotificationsHub> hub, EmailJobs email, WorkflowDbContext db, ILogger<Notifier> logger)
{
    public const string NotificationMethod = "notification";
    public const string BreachMethod = "breach";

    public async Task PublishAsync(FiredReminder fired, CancellationToken ct)
    {
        try
        {
            foreach (var note in fired.Notifications)
                await hub.Clients.Group(NotificationsHub.UserGroup(note.Recipient)).SendAsync(NotificationMethod, NotificationView.Of(note), ct);
            if (fired.Breach is { UnitCode: { } unit } breach)
                await hub.Clients.Group(NotificationsHub.UnitGroup(unit)).SendAsync(BreachMethod, breach, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Live push of {Count} notification(s) failed; they stay in the bell", fired.Notifications.Count);
        }
        try
        {
            await email.QueueAsync(db, fired.Notifications, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Queueing e-mails failed; the reconciler queues them within a minute");
        }
    }
}
