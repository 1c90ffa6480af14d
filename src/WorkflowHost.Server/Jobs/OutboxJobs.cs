using Hangfire;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Jobs;

/// <summary>
/// Hangfire entry points for the outbox. The row is the truth: delivering a row that is no longer pending is a no-op,
/// and each instance's delivery is recorded with its state, so a duplicate job finishes only what is left.
/// </summary>
public sealed class OutboxJobs(IServiceScopeFactory scopes, JobStorage storage, IJobScheduling scheduling, ILogger<OutboxJobs> logger)
{
    [AutomaticRetry(Attempts = 3)]
    public async Task DeliverAsync(long outboxId, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        await scope.ServiceProvider.GetRequiredService<OutboxDelivery>().DeliverAsync(outboxId, ct);
    }

    /// <summary>Part of a large broadcast (see <see cref="OutboxDelivery.ChunkSize"/>).</summary>
    [AutomaticRetry(Attempts = 3)]
    public async Task DeliverChunkAsync(long outboxId, Guid[] instanceIds, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        await scope.ServiceProvider.GetRequiredService<OutboxDelivery>().DeliverChunkAsync(outboxId, instanceIds, ct);
    }

    /// <summary>Gives Hangfire a job for every pending row without a live one (a node died after commit, in-memory storage restarted).</summary>
    [DisableConcurrentExecution(60)]
    public async Task<int> ReconcileAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var pending = await db.Outbox.Where(o => o.Status == OutboxStatus.Pending).Select(o => new { o.Id, o.HangfireJobId }).ToListAsync(ct);
        var queued = 0;
        using var connection = storage.GetConnection();
        foreach (var row in pending)
        {
            if (row.HangfireJobId is { } existing && LiveJobs.Runs(connection, existing, typeof(OutboxJobs), nameof(DeliverAsync), row.Id)) continue;
            await scheduling.EnqueueOutboxAsync(row.Id, ct);
            queued++;
        }
        if (queued > 0) logger.LogInformation("Queued {Count} outbox row(s) for delivery", queued);
        return queued;
    }
}
