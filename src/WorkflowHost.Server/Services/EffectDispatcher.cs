using Microsoft.Extensions.Options;

namespace WorkflowHost.Server.Services;

/// <summary>
/// After commit: gives Hangfire the timers due within the horizon and the requested service jobs, and withdraws the
/// jobs of cancelled timers, all through <see cref="IJobScheduling"/>. If this node dies before that, the reconciler
/// finds the rows without a live job.
/// </summary>
public sealed class EffectDispatcher(IJobScheduling scheduling, IOptions<WorkflowHostOptions> options, TimeProvider clock)
{
    public async Task DispatchAsync(PendingDispatch pending, CancellationToken ct)
    {
        var horizon = clock.GetUtcNow() + options.Value.TimerHorizon;
        foreach (var timer in pending.TimersToSchedule)
        {
            if (timer.DueAt > horizon) continue; // promoted later by the recurring horizon job
            await scheduling.ScheduleTimerAsync(timer.Id, timer.DueAt, ct);
        }
        foreach (var job in pending.JobsToEnqueue) await scheduling.EnqueueServiceJobAsync(job.Id, ct);
        foreach (var id in pending.HangfireJobsToDelete) scheduling.Withdraw(id);
    }
}
