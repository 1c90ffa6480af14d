using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Server.Reminders;

namespace WorkflowHost.Server.Notifications;

/// <summary>
/// Several nodes on one PostgreSQL database: the messages are written to the push log (<c>live_pushes</c>) in the
/// firing transaction, with a <c>pg_notify</c> that PostgreSQL delivers to every listening node only when — and only
/// if — that transaction commits. Nothing is pushed from here: every node's <see cref="LivePushRelay"/>, this one's
/// included, sends each committed row once to its own connections, so there is one path and no double.
/// </summary>
public sealed class RelayedLiveChannel(TimeProvider clock) : ILiveChannel
{
    /// <summary>The PostgreSQL notification channel the relays LISTEN on (the payload is empty: it only wakes them).</summary>
    public const string WakeChannel = "workflowhost_live_pushes";

    private const string Wake = "SELECT pg_notify('" + WakeChannel + "', '')";

    /// <summary>As SignalR's JSON hub protocol writes arguments (camelCase), so a relayed push reads like a local one.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task StageAsync(WorkflowDbContext db, FiredReminder fired, CancellationToken ct)
    {
        var messages = LiveMessage.Of(fired);
        if (messages.Count == 0) return;
        var now = clock.GetUtcNow();
        db.LivePushes.AddRange(messages.Select(m => new LivePushEntity
        {
            Group = m.Group, Method = m.Method, Payload = JsonSerializer.Serialize(m.Payload, m.Payload.GetType(), Json), CreatedAt = now,
        }));
        await db.SaveChangesAsync(ct);
        await db.Database.ExecuteSqlRawAsync(Wake, ct);
    }

    public Task SendAsync(FiredReminder fired, CancellationToken ct) => Task.CompletedTask;
}
