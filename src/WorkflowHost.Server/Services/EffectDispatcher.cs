using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHost.Data;
using WorkflowHost.Server.Jobs;

namespace WorkflowHost.Server.Services;

/// <summary>
/// After commit: gives Hangfire the timers due within the horizon, the requested service jobs and the thrown
/// messages and signals to deliver, and stores the
/// job ids on the rows. If this node dies before that, the reconciler finds the rows without a live job.
/// </summary>
public sealed class EffectDispatcher(WorkflowDbContext db, IBackgroundJobClient jobs, IOptions<WorkflowHostOptions> options, TimeProvider clock,
    ILogger<EffectDispatcher> logger)
{
    public async Task DispatchAsync(PendingDispatch pending, CancellationToken ct)
    {
        var horizon = clock.GetUtcNow() + options.Value.TimerHorizon;
        foreach (var timer in pending.TimersToSchedule)
        {
            if (timer.DueAt > horizon) continue; // promoted later by the recurring horizon job
            var jobId = jobs.Schedule<TimerJobs>(j => j.FireAsync(timer.Id, CancellationToken.None), timer.DueAt);
            await db.Timers.Where(t => t.Id == timer.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.HangfireJobId, jobId), ct);
        }
        foreach (var job in pending.JobsToEnqueue)
        {
            var jobId = jobs.Enqueue<ServiceJobRunner>(r => r.RunAsync(job.Id, CancellationToken.None));
            await db.ServiceJobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.HangfireJobId, jobId), ct);
        }
        foreach (var row in pending.OutboxToDeliver)
        {
            var jobId = jobs.Enqueue<OutboxJobs>(j => j.DeliverAsync(row.Id, CancellationToken.None));
            await db.Outbox.Where(o => o.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.HangfireJobId, jobId), ct);
        }
        foreach (var id in pending.HangfireJobsToDelete)
        {
            try { jobs.Delete(id); }
            catch (Exception ex) { logger.LogDebug(ex, "Could not delete Hangfire job {JobId}; firing it will be a no-op", id); }
        }
    }
}
