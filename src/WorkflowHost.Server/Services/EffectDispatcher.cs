using Microsoft.Extensions.Options;

namespace WorkflowHost.Server.Services;

/// <summary>
/// After commit: gives Hangfire the timers due within the horizon and the requested service jobs, and withdraws the
/// jobs of cancelled timers, all through <see cref="IJobScheduling"/>; plans the reminders of the steps that opened
/// and cancels those of the steps that ended. If this node dies before that, the reconcilers find the rows without a
/// live job.
/// </summary>
public sealed class EffectDispatcher(IJobScheduling scheduling, Reminders.ReminderScheduler reminders, Reminders.ReminderPlanner planner,
    IOptions<WorkflowHostOptions> options, TimeProvider clock)
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
        await reminders.ScheduleAsync(pending.RemindersToSchedule, ct);
        await reminders.CancelForTasksAsync(pending.TasksEnded, ct);
        foreach (var taskId in pending.TasksToReplan) await planner.ReplanAsync(taskId, ct);
        foreach (var id in pending.HangfireJobsToDelete) scheduling.Withdraw(id);
    }
}
