using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;

namespace WorkflowHost.Server.Reminders;

/// <summary>
/// The one place reminders meet Hangfire: a row due within the horizon gets a job and the job id is stored on it; a
/// cancelled row's job is deleted. Kept apart so it can move onto the shared "schedule, then store the job id" service.
/// </summary>
public sealed class ReminderScheduler(WorkflowDbContext db, IBackgroundJobClient jobs, IOptions<WorkflowHostOptions> options, TimeProvider clock,
    ILogger<ReminderScheduler> logger)
{
    /// <summary>Gives each committed row due within the horizon a Hangfire job; later rows wait for the horizon job.</summary>
    public async Task ScheduleAsync(IEnumerable<ReminderEntity> rows, CancellationToken ct)
    {
        var horizon = clock.GetUtcNow() + options.Value.TimerHorizon;
        foreach (var row in rows)
        {
            if (row.FireAt > horizon) continue;
            var jobId = jobs.Schedule<ReminderJobs>(j => j.FireAsync(row.Id, CancellationToken.None), row.FireAt);
            await db.Reminders.Where(r => r.Id == row.Id && r.Status == RowStatus.Pending).ExecuteUpdateAsync(s => s.SetProperty(r => r.HangfireJobId, jobId), ct);
        }
    }

    /// <summary>Cancels the pending reminders of steps that ended (completed, cancelled): a plain UPDATE, plus deleting any job.</summary>
    public async Task CancelForTasksAsync(IReadOnlyCollection<Guid> taskIds, CancellationToken ct)
    {
        if (taskIds.Count == 0) return;
        var jobIds = await db.Reminders.Where(r => taskIds.Contains(r.TaskId) && r.Status == RowStatus.Pending && r.HangfireJobId != null)
            .Select(r => r.HangfireJobId!).ToListAsync(ct);
        await db.Reminders.Where(r => taskIds.Contains(r.TaskId) && r.Status == RowStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RowStatus.Cancelled), ct);
        Delete(jobIds);
    }

    /// <summary>Cancels these pending rows (a due date moved away from them).</summary>
    public async Task CancelAsync(IReadOnlyCollection<ReminderEntity> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var ids = rows.Select(r => r.Id).ToList();
        await db.Reminders.Where(r => ids.Contains(r.Id) && r.Status == RowStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RowStatus.Cancelled), ct);
        Delete(rows.Select(r => r.HangfireJobId).OfType<string>());
    }

    private void Delete(IEnumerable<string> jobIds)
    {
        foreach (var id in jobIds)
        {
            try { jobs.Delete(id); }
            catch (Exception ex) { logger.LogDebug(ex, "Could not delete Hangfire job {JobId}; firing it will be a no-op", id); }
        }
    }
}
