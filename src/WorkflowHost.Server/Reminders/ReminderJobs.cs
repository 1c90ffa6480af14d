using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Server.Jobs;
using WorkflowHost.Server.Notifications;

namespace WorkflowHost.Server.Reminders;

/// <summary>
/// Hangfire entry points for reminders; no domain logic here. Firing is idempotent (<see cref="ReminderFiring"/>), so
/// a duplicate or late job, a restart or a second node never doubles a reminder; the horizon job gives every pending
/// row due soon a live job, so none is lost.
/// </summary>
public sealed class ReminderJobs(IServiceScopeFactory scopes, JobStorage storage, IOptions<WorkflowHostOptions> options, TimeProvider clock,
    ILogger<ReminderJobs> logger)
{
    [AutomaticRetry(Attempts = 5)]
    public async Task FireAsync(Guid reminderId, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var fired = await scope.ServiceProvider.GetRequiredService<ReminderFiring>().FireAsync(reminderId, ct);
        // After commit: a push or e-mail that fails never undoes the reminder (the bell reads the table; e-mail retries).
        if (fired is not null) await scope.ServiceProvider.GetRequiredService<Notifier>().PublishAsync(fired, ct);
    }

    /// <summary>
    /// Schedules every pending reminder due within the horizon that has no live job: rows that entered the horizon, and
    /// rows whose job was lost (in-memory storage after a restart, a node that died after commit).
    /// </summary>
    [DisableConcurrentExecution(60)]
    public async Task<int> PromoteAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var horizon = clock.GetUtcNow() + options.Value.TimerHorizon;
        var due = await db.Reminders.AsNoTracking().Where(r => r.Status == RowStatus.Pending && r.FireAt <= horizon).ToListAsync(ct);
        using var connection = storage.GetConnection();
        var lost = due.Where(r => r.HangfireJobId is not { } id || !LiveJobs.Runs(connection, id, typeof(ReminderJobs), nameof(FireAsync), r.Id)).ToList();
        await scope.ServiceProvider.GetRequiredService<ReminderScheduler>().ScheduleAsync(lost, ct);
        if (lost.Count > 0) logger.LogInformation("Scheduled {Count} reminder(s) in Hangfire", lost.Count);
        return lost.Count;
    }
}
