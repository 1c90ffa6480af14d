using WorkflowHost.Data;
using WorkflowHost.Server.Reminders;

namespace WorkflowHost.Server.Notifications;

/// <summary>
/// How the live messages of a fired reminder (<see cref="LiveMessage.Of"/>) reach people's open connections: on one
/// node straight through its hub (<see cref="LocalLiveChannel"/>), on several nodes sharing PostgreSQL through a
/// push log that every node tails (<see cref="RelayedLiveChannel"/>, <see cref="LivePushRelay"/>).
/// </summary>
public interface ILiveChannel
{
    /// <summary>
    /// Called inside the firing transaction once the notifications are saved (their ids are known). May write to
    /// <paramref name="db"/>; must not commit, so what it records commits or rolls back with the notifications.
    /// </summary>
    Task StageAsync(WorkflowDbContext db, FiredReminder fired, CancellationToken ct);

    /// <summary>Called after commit. Must not throw for a push that failed: the rows are the truth and the bell reloads them.</summary>
    Task SendAsync(FiredReminder fired, CancellationToken ct);
}
