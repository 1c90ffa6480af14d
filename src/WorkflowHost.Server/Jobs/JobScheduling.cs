using System.Linq.Expressions;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Server.Reminders;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Jobs;

/// <summary>
/// "Schedule in Hangfire, then store the job id on the row", in one place (see <see cref="IJobScheduling"/> for the
/// contract every caller relies on): timers, service jobs, outbox deliveries and reminders. New kinds of scheduled rows
/// (escalations, ...) add a method here built on
/// <see cref="ScheduleAsync{TJob}"/>, a job class whose handler checks its row is still pending, and a keyset-paged
/// reconciler like <see cref="TimerJobs.PromoteAsync"/>.
/// </summary>
public sealed class JobScheduling(WorkflowDbContext db, IBackgroundJobClient jobs, IServiceProvider services, ILogger<JobScheduling> logger) : IJobScheduling
{
    /// <summary>
    /// Gives Hangfire <paramref name="job"/> — at <paramref name="at"/>, or at once when null — then stores the new job
    /// id with <paramref name="storeJobId"/>, which should update the row only while it is pending and return the rows
    /// it updated. Returns the job id and whether it was stored (false: the row moved on meanwhile; the job will find
    /// it so and do nothing).
    /// </summary>
    public async Task<(string JobId, bool Stored)> ScheduleAsync<TJob>(Expression<Func<TJob, Task>> job, DateTimeOffset? at,
        Func<string, CancellationToken, Task<int>> storeJobId, CancellationToken ct)
    {
        var jobId = at is { } when ? jobs.Schedule(job, when) : jobs.Enqueue(job);
        return (jobId, await storeJobId(jobId, ct) > 0);
    }

    public Task ScheduleTimerAsync(Guid timerId, DateTimeOffset dueAt, CancellationToken ct) =>
        ScheduleAsync<TimerJobs>(j => j.FireAsync(timerId, CancellationToken.None), dueAt, (jobId, c) => db.Timers
            .Where(t => t.Id == timerId && t.Status == RowStatus.Pending).ExecuteUpdateAsync(s => s.SetProperty(t => t.HangfireJobId, jobId), c), ct);

    public Task EnqueueServiceJobAsync(Guid jobId, CancellationToken ct) =>
        ScheduleAsync<ServiceJobRunner>(r => r.RunAsync(jobId, CancellationToken.None), null, (hangfireId, c) => StoreServiceJobAsync(jobId, hangfireId, c), ct);

    public Task ScheduleServiceJobRetryAsync(Guid jobId, DateTimeOffset notBefore, CancellationToken ct) =>
        ScheduleAsync<ServiceJobRunner>(r => r.RunAsync(jobId, notBefore, CancellationToken.None), notBefore,
            (hangfireId, c) => StoreServiceJobAsync(jobId, hangfireId, c), ct);

    public Task EnqueueOutboxAsync(long outboxId, CancellationToken ct) =>
        ScheduleAsync<OutboxJobs>(j => j.DeliverAsync(outboxId, CancellationToken.None), null, (jobId, c) => db.Outbox
            .Where(o => o.Id == outboxId && o.Status == OutboxStatus.Pending).ExecuteUpdateAsync(s => s.SetProperty(o => o.HangfireJobId, jobId), c), ct);

    public Task ScheduleRemindersAsync(DateTimeOffset fireAt, IReadOnlyCollection<Guid> reminderIds, CancellationToken ct) =>
        ScheduleAsync<ReminderJobs>(j => j.FireDueAsync(fireAt, CancellationToken.None), fireAt, (jobId, c) => db.Reminders
            .Where(r => reminderIds.Contains(r.Id) && r.Status == RowStatus.Pending).ExecuteUpdateAsync(s => s.SetProperty(r => r.HangfireJobId, jobId), c), ct);

    private Task<int> StoreServiceJobAsync(Guid jobId, string hangfireId, CancellationToken ct) =>
        db.ServiceJobs.Where(j => j.Id == jobId && j.Status == RowStatus.Pending).ExecuteUpdateAsync(s => s.SetProperty(j => j.HangfireJobId, hangfireId), ct);

    public void Withdraw(string hangfireJobId)
    {
        try { jobs.Delete(hangfireJobId); }
        catch (Exception ex) { logger.LogDebug(ex, "Could not delete Hangfire job {JobId}; running it will be a no-op", hangfireJobId); }
    }

    public async Task<(int Timers, int ServiceJobs)> ReconcileAsync(CancellationToken ct)
    {
        // Resolved here, not injected: both reconcilers schedule through this service.
        var timers = await services.GetRequiredService<TimerJobs>().PromoteAsync(ct);
        var serviceJobs = await services.GetRequiredService<ServiceJobRunner>().ReconcileAsync(ct);
        return (timers, serviceJobs);
    }
}
