using Hangfire;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Jobs;

/// <summary>
/// Hangfire entry points for migrations. The migration's rows are the truth: the job works off pending outcome rows,
/// and the resumer gives every running migration without a live job a new one (a node that died mid-way, in-memory
/// job storage after a restart).
/// </summary>
public sealed class MigrationJobs(MigrationRunner runner, IServiceScopeFactory scopes, JobStorage storage, IBackgroundJobClient jobs, TimeProvider clock,
    ILogger<MigrationJobs> logger)
{
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(Guid migrationId, CancellationToken ct)
    {
        while (await runner.RunBatchAsync(migrationId, ct))
        {
        }
    }

    /// <summary>Enqueues the job of a migration and stores its id on the row, for the resumer's liveness check.</summary>
    public async Task<string> StartAsync(WorkflowDbContext db, Guid migrationId, CancellationToken ct)
    {
        var jobId = jobs.Enqueue<MigrationJobs>(j => j.RunAsync(migrationId, CancellationToken.None));
        await db.Migrations.Where(m => m.Id == migrationId).ExecuteUpdateAsync(s => s.SetProperty(m => m.HangfireJobId, jobId), ct);
        return jobId;
    }

    /// <summary>
    /// How long a just-accepted migration may be without a job id: the API stores it right after its commit, and the
    /// resumer must not start a second job in between. A migration still without one after this was orphaned.
    /// </summary>
    private static readonly TimeSpan StartGrace = TimeSpan.FromMinutes(1);

    /// <summary>Gives each running migration whose job is gone a new job; returns how many were resumed.</summary>
    [DisableConcurrentExecution(60)]
    public async Task<int> ResumeAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var running = await db.Migrations.AsNoTracking().Where(m => m.Status == MigrationStatus.Running)
            .Select(m => new { m.Id, m.HangfireJobId, m.CreatedAt }).ToListAsync(ct);
        var resumed = 0;
        var now = clock.GetUtcNow();
        using var connection = storage.GetConnection();
        foreach (var migration in running)
        {
            if (migration.HangfireJobId is null && now - migration.CreatedAt < StartGrace) continue;
            if (migration.HangfireJobId is { } existing && LiveJobs.Runs(connection, existing, typeof(MigrationJobs), nameof(RunAsync), migration.Id)) continue;
            await StartAsync(db, migration.Id, ct);
            resumed++;
        }
        if (resumed > 0) logger.LogWarning("Resumed {Count} migration(s) whose job was lost", resumed);
        return resumed;
    }
}
