using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Server.Jobs;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Notifications;

/// <summary>
/// E-mails notifications, each in a Hangfire job of its own so a slow or failing SMTP server delays only its mail,
/// never the process or the reminder that caused it. A failure is retried with a doubling delay up to
/// <see cref="SmtpOptions.Attempts"/>, then the row is marked failed with the reason; the row is the truth (sent rows
/// are never sent again), and the reconciler re-queues pending rows whose job was lost.
/// </summary>
public sealed class EmailJobs(IServiceScopeFactory scopes, EmailSender sender, IBackgroundJobClient jobs, JobStorage storage, IOptions<SmtpOptions> smtp,
    OneStopData data, TimeProvider clock, ILogger<EmailJobs> logger)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task SendAsync(long notificationId, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var note = await db.Notifications.AsNoTracking().SingleOrDefaultAsync(n => n.Id == notificationId, ct);
        if (note is not { EmailStatus: EmailState.Pending, EmailAddress: { } to }) return;
        try
        {
            await sender.SendAsync(to, NotificationText.Subject(note), NotificationText.Body(note, data.Zone, smtp.Value.AppUrl), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            await FailedAsync(db, note, ex, ct);
            return;
        }
        await db.Notifications.Where(n => n.Id == note.Id).ExecuteUpdateAsync(s => s
            .SetProperty(n => n.EmailStatus, EmailState.Sent).SetProperty(n => n.EmailAttempts, note.EmailAttempts + 1).SetProperty(n => n.EmailError, (string?)null), ct);
    }

    /// <summary>Queues the e-mail of notifications just committed.</summary>
    public async Task QueueAsync(WorkflowDbContext db, IEnumerable<NotificationEntity> notes, CancellationToken ct)
    {
        foreach (var note in notes.Where(n => n.EmailStatus == EmailState.Pending))
        {
            var jobId = jobs.Enqueue<EmailJobs>(j => j.SendAsync(note.Id, CancellationToken.None));
            await db.Notifications.Where(n => n.Id == note.Id).ExecuteUpdateAsync(s => s.SetProperty(n => n.EmailJobId, jobId), ct);
        }
    }

    /// <summary>How long a committed notification without a job is left to the node that committed it.</summary>
    public static readonly TimeSpan DispatchGrace = TimeSpan.FromMinutes(1);

    /// <summary>Re-queues pending e-mails whose job was lost (in-memory storage after a restart, a node that died after commit).</summary>
    [DisableConcurrentExecution(60)]
    public async Task<int> ReconcileAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var settled = clock.GetUtcNow() - DispatchGrace;
        var pending = await db.Notifications.AsNoTracking().Where(n => n.EmailStatus == EmailState.Pending && (n.EmailJobId != null || n.CreatedAt <= settled))
            .Select(n => new { n.Id, n.EmailJobId }).ToListAsync(ct);
        using var connection = storage.GetConnection();
        var queued = 0;
        foreach (var note in pending)
        {
            if (note.EmailJobId is { } existing && Runs(connection, existing, note.Id)) continue;
            var jobId = jobs.Enqueue<EmailJobs>(j => j.SendAsync(note.Id, CancellationToken.None));
            await db.Notifications.Where(n => n.Id == note.Id && n.EmailStatus == EmailState.Pending).ExecuteUpdateAsync(s => s.SetProperty(n => n.EmailJobId, jobId), ct);
            queued++;
        }
        if (queued > 0) logger.LogInformation("Queued {Count} e-mail(s) that had no live Hangfire job", queued);
        return queued;
    }

    private async Task FailedAsync(WorkflowDbContext db, NotificationEntity note, Exception ex, CancellationToken ct)
    {
        var attempts = note.EmailAttempts + 1;
        var error = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
        if (attempts >= smtp.Value.Attempts)
        {
            logger.LogError("E-mail of notification {Id} to {To} failed {Attempts} time(s); giving up: {Message}", note.Id, note.EmailAddress, attempts, ex.Message);
            await db.Notifications.Where(n => n.Id == note.Id).ExecuteUpdateAsync(s => s
                .SetProperty(n => n.EmailStatus, EmailState.Failed).SetProperty(n => n.EmailAttempts, attempts).SetProperty(n => n.EmailError, error), ct);
            return;
        }
        var delay = smtp.Value.RetryDelay * Math.Pow(2, attempts - 1);
        logger.LogWarning("E-mail of notification {Id} to {To} failed (attempt {Attempt}); retrying in {Delay}: {Message}", note.Id, note.EmailAddress, attempts, delay, ex.Message);
        // Hangfire may start it up to a second early; for a mail retry that does not matter, so no wait here.
        var retryId = jobs.Schedule<EmailJobs>(j => j.SendAsync(note.Id, CancellationToken.None), delay);
        await db.Notifications.Where(n => n.Id == note.Id).ExecuteUpdateAsync(s => s
            .SetProperty(n => n.EmailAttempts, attempts).SetProperty(n => n.EmailError, error).SetProperty(n => n.EmailJobId, retryId), ct);
    }

    /// <summary>As <see cref="LiveJobs.Runs"/>, for jobs keyed by a notification's number.</summary>
    private static bool Runs(IStorageConnection connection, string jobId, long notificationId)
    {
        JobData? job;
        try { job = connection.GetJobData(jobId); }
        catch (FormatException) { return false; }
        return job is { State: not ("Deleted" or "Failed" or "Succeeded"), Job: { } j } && j.Type == typeof(EmailJobs) && j.Method.Name == nameof(SendAsync)
            && j.Args.Count > 0 && j.Args[0] is long id && id == notificationId;
    }
}
