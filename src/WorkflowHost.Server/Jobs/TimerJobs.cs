using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Jobs;

/// <summary>
/// Hangfire entry points for timers. The timer row is the truth: firing checks the row is still pending and
/// flips it in the same transaction as the instance state, so a duplicate or late job is a no-op.
/// </summary>
public sealed class TimerJobs(IServiceScopeFactory scopes, JobStorage storage, IOptions<WorkflowHostOptions> options,
    TimeProvider clock, ILogger<TimerJobs> logger)
{
    [AutomaticRetry(Attempts = 5)]
    public Task FireAsync(Guid timerId, CancellationToken ct) => ConflictRetry.RunAsync(scopes, async services =>
    {
        var db = services.GetRequiredService<WorkflowDbContext>();
        var timer = await db.Timers.SingleOrDefaultAsync(t => t.Id == timerId, ct);
        if (timer is null || timer.Status != RowStatus.Pending) return;
        await EarlyStart.WaitUntilAsync(timer.DueAt, clock, ct); // never fire before due
        if (timer.DefinitionKey is not null)
        {
            await services.GetRequiredService<StartTimerService>().FireAsync(timerId, ct);
            return;
        }
        await services.GetRequiredService<InstanceCommandService>().ExecuteAsync(timer.InstanceId, _ => new FireTimer(timer.EngineTimerId), "timer", _ =>
        {
            timer.Status = RowStatus.Done;
            timer.FiredAt = clock.GetUtcNow();
            return Task.CompletedTask;
        }, ct);
    }, ct);

    /// <summary>
    /// Gives Hangfire a job for every pending timer inside the horizon that has no live job: timers that entered
    /// the horizon, and timers whose job was lost (in-memory storage after a restart, a node that died after commit).
    /// Reads the rows in keyset pages of <see cref="WorkflowHostOptions.ReconcilePageSize"/>.
    /// </summary>
    [DisableConcurrentExecution(60)]
    public async Task<int> PromoteAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var scheduling = scope.ServiceProvider.GetRequiredService<IJobScheduling>();
        var horizon = clock.GetUtcNow() + options.Value.TimerHorizon;
        var due = db.Timers.AsNoTracking().Where(t => t.Status == RowStatus.Pending && t.DueAt <= horizon);
        var scheduled = 0;
        using var connection = storage.GetConnection();
        await foreach (var page in KeysetPages.ReadAsync(due, t => t.Id, t => new PendingRow(t.Id, t.DueAt, t.HangfireJobId), r => r.Id, options.Value.ReconcilePageSize, ct))
            foreach (var timer in page)
            {
                if (timer.HangfireJobId is { } existing && LiveJobs.Runs(connection, existing, typeof(TimerJobs), nameof(FireAsync), timer.Id)) continue;
                await scheduling.ScheduleTimerAsync(timer.Id, timer.DueAt, ct);
                scheduled++;
            }
        if (scheduled > 0) logger.LogInformation("Scheduled {Count} timer(s) in Hangfire", scheduled);
        return scheduled;
    }

    private sealed record PendingRow(Guid Id, DateTimeOffset DueAt, string? HangfireJobId);
}
