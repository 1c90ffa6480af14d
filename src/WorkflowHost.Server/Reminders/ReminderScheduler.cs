using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;

namespace WorkflowHost.Server.Reminders;

/// <summary>
/// The one place reminders meet Hangfire: rows due within the horizon get a job — one per instant, shared by every row
/// due then (working-day steps all fall due at 17:00, so thousands of rows may share an instant) — and the job id is
/// stored on them. Cancelling is a plain UPDATE: a shared job cannot be deleted for one row, and a job whose rows are
/// all gone finds nothing to fire. Kept apart so it can move onto the shared "schedule, then store the job id" service.
/// </summary>
public sealed class ReminderScheduler(WorkflowDbContext db, IBackgroundJobClient jobs, IOptions<WorkflowHostOptions> options, TimeProvider clock,
    ILogger<ReminderScheduler> logger)
{
    /// <summary>Gives the committed rows due within the horizon one Hangfire job per instant; later rows wait for the horizon job.</summary>
    public async Task ScheduleAsync(IEnumerable<ReminderEntity> rows, CancellationToken ct)
    {
        var horizon = clock.GetUtcNow() + options.Value.TimerHorizon;
        foreach (var instant in rows.Where(r => r.FireAt <= horizon).GroupBy(r => r.FireAt))
        {
            var ids = instant.Select(r => r.Id).ToList();
            var jobId = jobs.Schedule<ReminderJobs>(j => j.FireDueAsync(instant.Key, CancellationToken.None), instant.Key);
            await db.Reminders.Where(r => ids.Contains(r.Id) && r.Status == RowStatus.Pending).ExecuteUpdateAsync(s => s.SetProperty(r => r.HangfireJobId, jobId), ct);
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
