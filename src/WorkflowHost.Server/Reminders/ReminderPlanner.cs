using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Procedures.Reminders;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Reminders;

/// <summary>
/// Keeps the reminder rows of open steps in line with their due instants: plans them in the unit of work that opens a
/// task, re-plans them when a due date moves (<see cref="ReplanAsync"/>: pauses, extensions, a changed calendar) and
/// cancels them when the step ends. Planning is idempotent: a row exists at most once per task, kind and due instant.
/// </summary>
public sealed class ReminderPlanner(WorkflowDbContext db, OneStopData data, ReminderScheduler scheduler, TimeProvider clock)
{
    /// <summary>Rows <see cref="Plan"/> adds per opened task, for the caller's write-size bound.</summary>
    public const int MaxRowsPerTask = 2;

    /// <summary>
    /// Adds the reminder rows of the tasks a command opened to the caller's unit of work (committed with the task) and
    /// lists them in <paramref name="dispatch"/> so they get a Hangfire job after commit when due soon.
    /// </summary>
    public void Plan(IReadOnlyList<TaskEntity> opened, PendingDispatch dispatch, DateTimeOffset now)
    {
        foreach (var task in opened)
        {
            if (task.DueAt is not { } due) continue;
            var dossier = task.DossierId is { } id ? db.Dossiers.Local.FirstOrDefault(d => d.Id == id) : null;
            foreach (var planned in PlanFor(task, due, Policy(dossier), now))
            {
                db.Reminders.Add(planned);
                dispatch.RemindersToSchedule.Add(planned);
            }
        }
    }

    /// <summary>
    /// Re-plans one open step after its due date moved (the caller has committed the new <see cref="TaskEntity.DueAt"/>):
    /// pending rows planned from another due instant are cancelled, the rows of the current one are added unless they
    /// exist, and those due soon get a Hangfire job. Calling it again, or on two nodes at once, changes nothing more.
    /// </summary>
    /// <returns>How many rows were added.</returns>
    public async Task<int> ReplanAsync(Guid taskId, CancellationToken ct)
    {
        var task = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null) return 0;
        if (task.State != TaskState.Open || task.DueAt is not { } due)
        {
            await scheduler.CancelForTasksAsync([taskId], ct);
            return 0;
        }
        var dueUtc = due.ToUniversalTime();
        var stale = await db.Reminders.AsNoTracking().Where(r => r.TaskId == taskId && r.Status == RowStatus.Pending && r.TaskDueAt != dueUtc).ToListAsync(ct);
        await scheduler.CancelAsync(stale, ct);
        var dossier = task.DossierId is { } id ? await db.Dossiers.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct) : null;
        var existing = await db.Reminders.AsNoTracking().Where(r => r.TaskId == taskId && r.TaskDueAt == dueUtc).Select(r => r.Kind).ToListAsync(ct);
        var added = new List<ReminderEntity>();
        foreach (var planned in PlanFor(task, due, Policy(dossier), task.CreatedAt))
        {
            if (existing.Contains(planned.Kind)) continue;
            db.Reminders.Add(planned);
            try
            {
                await db.SaveChangesAsync(ct);
                added.Add(planned);
            }
            catch (DbUpdateException ex) when (UniqueViolation.IsCauseOf(ex))
            {
                db.Entry(planned).State = EntityState.Detached; // another node planned it at the same moment
            }
        }
        await scheduler.ScheduleAsync(added, ct);
        return added.Count;
    }

    /// <summary>Re-plans every open step of a dossier (its clock paused and resumed, its appointment extended).</summary>
    public async Task<int> ReplanDossierAsync(Guid dossierId, CancellationToken ct)
    {
        var open = await db.Tasks.AsNoTracking().Where(t => t.DossierId == dossierId && t.State == TaskState.Open).Select(t => t.Id).ToListAsync(ct);
        var added = 0;
        foreach (var taskId in open) added += await ReplanAsync(taskId, ct);
        return added;
    }

    private IEnumerable<ReminderEntity> PlanFor(TaskEntity task, DateTimeOffset due, ReminderPolicy policy, DateTimeOffset openedAt) =>
        ReminderPlan.For(openedAt, due, policy, data.Calendar).Select(p => new ReminderEntity
        {
            // UTC: SQLite stores an instant with its offset's local ticks, so rows must share one offset for their order in SQL.
            Id = Guid.NewGuid(), TaskId = task.Id, DossierId = task.DossierId, TaskDueAt = due.ToUniversalTime(), FireAt = p.FireAt.ToUniversalTime(), Status = RowStatus.Pending,
            Kind = p.Moment == ReminderMoment.BeforeDue ? ReminderKind.BeforeDue : ReminderKind.AtDue, CreatedAt = clock.GetUtcNow(),
        });

    /// <summary>The policy of the dossier's procedure version; the default outside dossiers.</summary>
    public ReminderPolicy Policy(DossierEntity? dossier) =>
        dossier is null ? ReminderPolicy.Default
            : data.Procedures.All.FirstOrDefault(p => p.Code == dossier.ProcedureCode && p.Version == dossier.ProcedureVersion)?.ReminderPolicy ?? ReminderPolicy.Default;
}
