using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Notifications;

/// <summary>A notification as the bell shows it; the web app words it from <see cref="Kind"/> and the facts, in vi or en.</summary>
public sealed record NotificationView(long Id, string Kind, string? DossierCode, Guid? TaskId, string? Step, string? UnitCode, DateTimeOffset? DueAt,
    DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    public static NotificationView Of(NotificationEntity n) => new(n.Id, n.Kind, n.DossierCode, n.TaskId, n.Step, n.UnitCode, n.DueAt, n.CreatedAt, n.ReadAt);
}

/// <summary>GET /api/notifications: how many are unread and the latest, unread first.</summary>
public sealed record NotificationList(int Unread, IReadOnlyList<NotificationView> Items);

/// <summary>A person's own notifications: nobody reads or marks another's (theirs answer 404).</summary>
public sealed class NotificationService(WorkflowDbContext db, TimeProvider clock)
{
    public async Task<NotificationList> ListAsync(string userName, int limit, CancellationToken ct)
    {
        var mine = db.Notifications.AsNoTracking().Where(n => n.Recipient == userName);
        var unread = await mine.CountAsync(n => n.ReadAt == null, ct);
        var rows = await mine.OrderBy(n => n.ReadAt == null ? 0 : 1).ThenByDescending(n => n.Id).Take(limit).ToListAsync(ct);
        return new NotificationList(unread, rows.Select(NotificationView.Of).ToList());
    }

    /// <summary>Marks one notification read (again: keeps the first read time).</summary>
    public async Task<NotificationView> MarkReadAsync(string userName, long id, CancellationToken ct)
    {
        var note = await db.Notifications.SingleOrDefaultAsync(n => n.Id == id && n.Recipient == userName, ct)
            ?? throw new NotFoundException($"Notification {id} does not exist or is not yours.");
        note.ReadAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return NotificationView.Of(note);
    }

    /// <summary>Marks every unread notification of the person read; returns how many.</summary>
    public Task<int> MarkAllReadAsync(string userName, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return db.Notifications.Where(n => n.Recipient == userName && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }
}
