using Microsoft.AspNetCore.SignalR;
using WorkflowHost.Data;
using WorkflowHost.Server.Reminders;

namespace WorkflowHost.Server.Notifications;

/// <summary>
/// The embedded setup (SQLite, one node): every connection is on this node, so messages go straight to its hub after
/// commit and nothing is staged.
/// </summary>
public sealed class LocalLiveChannel(IHubContext<NotificationsHub> hub, ILogger<LocalLiveChannel> logger) : ILiveChannel
{
    public Task StageAsync(WorkflowDbContext db, FiredReminder fired, CancellationToken ct) => Task.CompletedTask;

    public async Task SendAsync(FiredReminder fired, CancellationToken ct)
    {
        try
        {
            foreach (var message in LiveMessage.Of(fired))
                await hub.Clients.Group(message.Group).SendAsync(message.Method, message.Payload, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Live push of {Count} notification(s) failed; they stay in the bell", fired.Notifications.Count);
        }
    }
}
