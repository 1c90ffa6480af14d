using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Reminders;

/// <summary>
/// Which reminders get a Hangfire job and when they are cancelled: rows due within the horizon get one job per instant,
/// shared by every row due then (working-day steps all fall due at 17:00, so thousands of rows may share an instant),
/// through the shared "schedule, then store the job id" service (<see cref="IJobScheduling"/>). Cancelling is a plain
/// UPDATE: a shared job cannot be deleted for one row, and a job whose rows are all gone finds nothing to fire.
/// </summary>
public sealed class ReminderScheduler(WorkflowDbContext db, IJobScheduling scheduling, IOptions<WorkflowHostOptions> options, TimeProvider clock,
    ILogger<ReminderScheduler> logger)
{
    /// <summary>Gives the committed rows due within the horizon one Hangfire job per instant; later rows wait for the horizon job.</summary>
    public async Task ScheduleAsync(IEnumerable<ReminderEntity> rows, CancellationToken ct)
    {
        var horizon = clock.GetUtcNow() + options.Value.TimerHorizon;
        foreach (var instant in rows.Where(r => r.FireAt <= horizon).GroupBy(r => r.FireAt))
        {
            await scheduling.ScheduleRemindersAsync(instant.Key, instant.Select(r => r.Id).ToList(), ct);
        }
    }

    /// <summary>
    /// Cancels the pending reminders of steps that ended (completed, cancelled): a plain UPDATE, plus deleting any job.
    /// One read when the steps had none (no due date), the common case on the completion path.
    /// </summary>
    public async Task CancelForTasksAsync(IReadOnlyCollection<Guid> taskIds, CancellationToken ct)
    {
        if (taskIds.Count == 0) return;
        var pending = await db.Reminders.AsNoTracking().Where(r => taskIds.Contains(r.TaskId) && r.Status == RowStatus.Pending).ToListAsync(ct);
        await CancelAsync(pending, ct);
    }

    /// <summary>Cancels these pending rows (a due date moved away from them, or the step ended).</summary>
    public async Task CancelAsync(IReadOnlyCollection<ReminderEntity> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var ids = rows.Select(r => r.Id).ToList();
        var cancelled = await db.Reminders.Where(r => ids.Contains(r.Id) && r.Status == RowStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RowStatus.Cancelled), ct);
        logger.LogDebug("Cancelled {Count} reminder(s)", cancelled);
    }
}
