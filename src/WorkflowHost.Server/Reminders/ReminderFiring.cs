using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Server.Notifications;

using WorkflowHost.Procedures.Dossiers;

namespace WorkflowHost.Server.Reminders;

/// <summary>A breach as the unit's dashboard hears of it (SignalR <c>breach</c>).</summary>
public sealed record BreachView(string? DossierCode, Guid TaskId, string Step, string? UnitCode, DateTimeOffset DueAt);

/// <summary>What one reminder produced, committed: the notifications to push and e-mail, and the breach if it was one.</summary>
public sealed record FiredReminder(IReadOnlyList<NotificationEntity> Notifications, BreachView? Breach);

/// <summary>
/// Fires one reminder row in one transaction: claims it (pending to done, so a second job, node or restart finds
/// nothing to do), checks the step is still open with the due instant the row was planned from (else the row is
/// cancelled: the step ended or its due date moved), writes the notifications and, at the due instant, marks the step
/// and its dossier overdue; the node's <see cref="ILiveChannel"/> stages their live messages in the same transaction.
/// </summary>
public sealed class ReminderFiring(WorkflowDbContext db, ReminderPlanner planner, ReminderRecipients recipients, IOptions<SmtpOptions> smtp,
    ILiveChannel live, TimeProvider clock)
{
    /// <summary>A job this much before the row's instant is a stale one (the row moved): it leaves the row to its own job.</summary>
    public static readonly TimeSpan EarlyTolerance = TimeSpan.FromSeconds(5);

    /// <returns>Null when there was nothing to fire (not due yet, already fired or cancelled, the step ended or moved).</returns>
    public async Task<FiredReminder?> FireAsync(Guid reminderId, CancellationToken ct)
    {
        var row = await db.Reminders.AsNoTracking().SingleOrDefaultAsync(r => r.Id == reminderId, ct);
        if (row is null || row.Status != RowStatus.Pending || row.FireAt - clock.GetUtcNow() > EarlyTolerance) return null;
        await Jobs.EarlyStart.WaitUntilAsync(row.FireAt, clock, ct);
        var now = clock.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var task = await db.Tasks.AsNoTracking().Include(t => t.Candidates).SingleOrDefaultAsync(t => t.Id == row.TaskId, ct);
        // A dossier waiting on the applicant (awaiting supplement or payment) has its clock stopped: no step of it is due
        // now; resuming moves the due dates and re-plans their reminders.
        var paused = task?.DossierId is { } pausedDossier
            && await db.Dossiers.AnyAsync(d => d.Id == pausedDossier && (d.Status == DossierStatus.AwaitingSupplement || d.Status == DossierStatus.AwaitingPayment), ct);
        var current = task is { State: TaskState.Open } && task.DueAt == row.TaskDueAt && !paused;
        var claimed = await db.Reminders.Where(r => r.Id == row.Id && r.Status == RowStatus.Pending).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, current ? RowStatus.Done : RowStatus.Cancelled)
            .SetProperty(r => r.FiredAt, current ? now : null), ct);
        if (claimed == 0 || !current)
        {
            await transaction.CommitAsync(ct);
            return null;
        }
        var dossier = task!.DossierId is { } dossierId ? await db.Dossiers.AsNoTracking().SingleOrDefaultAsync(d => d.Id == dossierId, ct) : null;
        var policy = planner.Policy(dossier);
        var notes = new List<NotificationEntity>();
        BreachView? breach = null;
        if (row.Kind == ReminderKind.BeforeDue)
            Notify(await recipients.WorkersAsync(task, ct), NotificationKind.DueSoon);
        else
        {
            // Only the first breach of a step stamps it; a dossier stays overdue from its first late step.
            await db.Tasks.Where(t => t.Id == task.Id && t.OverdueAt == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.OverdueAt, now), ct);
            if (dossier is not null)
                await db.Dossiers.Where(d => d.Id == dossier.Id && d.OverdueAt == null).ExecuteUpdateAsync(s => s.SetProperty(d => d.OverdueAt, now), ct);
            if (policy.AtDue) Notify(await recipients.WorkersAsync(task, ct), NotificationKind.DueNow);
            if (policy.Escalate && task.UnitCode is { } unit) Notify(await recipients.EscalationAsync(unit, ct), NotificationKind.Breach);
            breach = new BreachView(dossier?.Code, task.Id, task.Name ?? task.ElementId, task.UnitCode, row.TaskDueAt);
        }
        db.Notifications.AddRange(notes);
        await db.SaveChangesAsync(ct);
        var fired = new FiredReminder(notes, breach);
        // With the notifications, so a push to another node commits (or rolls back) with what it tells of.
        await live.StageAsync(db, fired, ct);
        await transaction.CommitAsync(ct);
        return fired;

        void Notify(IEnumerable<Recipient> people, string kind)
        {
            foreach (var person in people)
            {
                // One notification per person, step, kind and due instant, whatever fires it how often.
                var key = $"{kind}:{task!.Id:N}:{row.TaskDueAt.UtcTicks}:{person.UserName}";
                if (notes.Any(n => n.DedupKey == key)) continue;
                var email = smtp.Value.Enabled ? person.Email : null;
                notes.Add(new NotificationEntity
                {
                    Recipient = person.UserName, Kind = kind, DossierCode = dossier?.Code, TaskId = task.Id, Step = task.Name ?? task.ElementId,
                    UnitCode = task.UnitCode, DueAt = row.TaskDueAt, CreatedAt = now, DedupKey = key,
                    EmailAddress = email, EmailStatus = email is null ? null : EmailState.Pending,
                });
            }
        }
    }
}
