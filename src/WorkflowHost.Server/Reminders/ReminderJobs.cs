using Hangfire;
using Hangfire.Storage;
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
    /// <summary>
    /// The job of an instant: fires every pending reminder due by then, each in its own transaction, so one job serves
    /// all the rows that share the instant. A row that fails is left pending and the job fails after the others, so
    /// Hangfire's retry fires only what is still pending.
    /// </summary>
    [AutomaticRetry(Attempts = 5)]
    public async Task FireDueAsync(DateTimeOffset instant, CancellationToken ct)
    {
        await EarlyStart.WaitUntilAsync(instant, clock, ct);
        List<Guid> due;
        using (var scope = scopes.CreateScope())
            due = await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Reminders.AsNoTracking()
                .Where(r => r.Status == RowStatus.Pending && r.FireAt <= instant).OrderBy(r => r.FireAt).Select(r => r.Id).ToListAsync(ct);
        var failed = 0;
        foreach (var id in due)
        {
            try
            {
                await FireAsync(id, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failed++;
                logger.LogError(ex, "Reminder {Id} could not be fired; it stays pending for the retry", id);
            }
        }
        if (failed > 0) throw new InvalidOperationException($"{failed} of {due.Count} reminder(s) due by {instant:O} could not be fired; retrying.");
    }

    /// <summary>Fires one reminder (what <see cref="FireDueAsync"/> does for each row; idempotent).</summary>
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
        var lost = due.Where(r => r.HangfireJobId is not { } id || !Runs(connection, id, r)).ToList();
        await scope.ServiceProvider.GetRequiredService<ReminderScheduler>().ScheduleAsync(lost, ct);
        if (lost.Count > 0) logger.LogInformation("Scheduled {Count} reminder(s) in Hangfire", lost.Count);
        return lost.Count;
    }

    /// <summary>
    /// Whether the job id stored on a row is a live job that will fire it: an unfinished <see cref="FireDueAsync"/> of an
    /// instant at or after the row's (as <see cref="LiveJobs.Runs"/>, the id alone is not enough: in-memory job ids restart at 1).
    /// </summary>
    private static bool Runs(IStorageConnection connection, string jobId, ReminderEntity row)
    {
        JobData? data;
        try { data = connection.GetJobData(jobId); }
        catch (FormatException) { return false; }
        return data is { State: not ("Deleted" or "Failed" or "Succeeded"), Job: { } job } && job.Type == typeof(ReminderJobs)
            && job.Method.Name == nameof(FireDueAsync) && job.Args.Count > 0 && job.Args[0] is DateTimeOffset instant && instant >= row.FireAt;
    }
}
