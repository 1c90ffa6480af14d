using WorkflowHost.Data;
using WorkflowHost.Server.Reminders;

namespace WorkflowHost.Server.Notifications;

/// <summary>
/// After a reminder's notifications are committed: sends its live messages through the node's
/// <see cref="ILiveChannel"/> and queues the e-mails. Nothing here throws back into the caller: the rows are already
/// the truth, a missed push is seen at the next GET /api/notifications, a missed e-mail job is re-queued by the reconciler.
/// </summary>
public sealed class Notifier(ILiveChannel live, EmailJobs email, WorkflowDbContext db, ILogger<Notifier> logger)
{
    public async Task PublishAsync(FiredReminder fired, CancellationToken ct)
    {
        await live.SendAsync(fired, ct);
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
