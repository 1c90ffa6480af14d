using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Engine;
using WorkflowHost.Engine.Runtime;

namespace WorkflowHost.Server.Services;

/// <summary>
/// Executes a migration, a batch of pending instances at a time. Each instance moves in its own transaction that
/// also writes its outcome row and its audit entry, guarded by the instance's revision: after a crash the instances
/// already moved are no longer pending, and two runners racing for one instance cannot both move it. Migration
/// moves tokens and waits only; no element runs again, and open tasks keep their rows (assignee, due date, claim).
/// </summary>
public sealed class MigrationRunner(IServiceScopeFactory scopes, BpmnEngine engine, DefinitionCatalog catalog, TimeProvider clock, ILogger<MigrationRunner> logger)
{
    /// <summary>Instances per batch: small enough that a resumed job loses little, large enough to keep the job count low.</summary>
    public const int BatchSize = 100;

    private const int ConflictAttempts = 5;

    /// <summary>Moves the next batch of pending instances; false once none is left (the migration is then completed).</summary>
    public async Task<bool> RunBatchAsync(Guid migrationId, CancellationToken ct)
    {
        MigrationEntity? migration;
        List<Guid> batch;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            migration = await db.Migrations.AsNoTracking().SingleOrDefaultAsync(m => m.Id == migrationId, ct);
            if (migration is null || migration.Status != MigrationStatus.Running) return false;
            batch = await db.MigrationInstances.Where(m => m.MigrationId == migrationId && m.Outcome == MigrationOutcome.Pending)
                .OrderBy(m => m.InstanceId).Select(m => m.InstanceId).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0)
            {
                await db.Migrations.Where(m => m.Id == migrationId && m.Status == MigrationStatus.Running)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MigrationStatus.Completed).SetProperty(m => m.CompletedAt, clock.GetUtcNow()), ct);
                logger.LogInformation("Migration {MigrationId} of {Key} v{From} -> v{To} completed", migrationId, migration.DefinitionKey, migration.FromVersion, migration.ToVersion);
                return false;
            }
        }
        var map = MigrationService.ElementMap(migration);
        foreach (var instanceId in batch)
        {
            ct.ThrowIfCancellationRequested();
            await MigrateWithRetriesAsync(migration, map, instanceId, ct);
        }
        return true;
    }

    private async Task MigrateWithRetriesAsync(MigrationEntity migration, IReadOnlyDictionary<string, string> map, Guid instanceId, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await TryMigrateAsync(migration, map, instanceId, null, ct)) return;
            if (attempt == ConflictAttempts)
            {
                // The instance kept advancing under us; it stays where it is, and the outcome says why.
                await TryMigrateAsync(migration, map, instanceId, "It was changed by other work at every attempt; migrate it again in a later run.", ct);
                return;
            }
            await Task.Delay(Random.Shared.Next(5, 40 * attempt), ct);
        }
    }

    /// <returns>False when another writer changed the instance first (nothing was written; try again).</returns>
    private async Task<bool> TryMigrateAsync(MigrationEntity migration, IReadOnlyDictionary<string, string> map, Guid instanceId, string? giveUp, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var pending = db.MigrationInstances.Where(m => m.MigrationId == migration.Id && m.InstanceId == instanceId && m.Outcome == MigrationOutcome.Pending);
        if (!await pending.AnyAsync(ct)) return true; // done by an earlier run of this job (resumed after a crash)
        var now = clock.GetUtcNow();
        var instance = await db.Instances.SingleOrDefaultAsync(i => i.Id == instanceId, ct);
        var failure = giveUp ?? instance switch
        {
            null => "The instance no longer exists.",
            { DefinitionKey: var key, DefinitionVersion: var version } when key != migration.DefinitionKey || version != migration.FromVersion =>
                $"It is no longer on version {migration.FromVersion} (now {key} v{version}).",
            { Status: InstanceRowStatus.Completed or InstanceRowStatus.Terminated } => "It ended before its turn came.",
            _ => null,
        };
        if (failure is null)
        {
            try
            {
                var target = catalog.Get(migration.DefinitionKey, migration.ToVersion);
                var result = engine.Execute(target, InstanceStateSerializer.Deserialize(instance!.StateJson), new MigrateInstance(map), now, catalog);
                await EffectWriter.ApplyAsync(db, instance, result, now, migration.CreatedBy, [], ct);
                instance.DefinitionVersion = migration.ToVersion;
                await MoveRowsAsync(db, instance, result.State, target, ct);
                db.InstanceAudit.Add(Audit(migration, instance.Id, result.State, now));
            }
            catch (MigrationException e)
            {
                failure = "It advanced since the dry run and no longer fits the map: " + string.Join(" ", e.Problems);
                db.ChangeTracker.Clear();
            }
        }
        // The outcome flips only from pending, in the same transaction as the instance: a second runner that read the
        // row before the first committed finds nothing left to flip and writes nothing (its instance write, if any, is
        // refused by the revision guard before that).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is DbUpdateConcurrencyException || StaleRevision.IsCauseOf(ex))
        {
            return false;
        }
        var flipped = await pending.ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Outcome, failure is null ? MigrationOutcome.Migrated : MigrationOutcome.Failed)
            .SetProperty(m => m.Reason, failure)
            .SetProperty(m => m.DoneAt, now), ct);
        if (flipped == 0) return true; // another runner recorded it first; ours rolls back with the transaction
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>The rows that name an element follow their wait: open tasks (keeping assignee, due date and candidates), timers, jobs, subscriptions, incidents.</summary>
    private static async Task MoveRowsAsync(WorkflowDbContext db, InstanceEntity instance, InstanceState state, ExecutableDefinition target, CancellationToken ct)
    {
        var waits = state.Waits.ToDictionary(w => w.Id, w => w.ElementId);
        foreach (var task in await db.Tasks.Where(t => t.InstanceId == instance.Id && t.State == TaskState.Open).ToListAsync(ct))
        {
            if (!waits.TryGetValue(task.EngineTaskId, out var elementId) || elementId == task.ElementId) continue;
            task.ElementId = elementId;
            if (target.Process.AllNodes.TryGetValue(elementId, out var node) && node.Name is { Length: > 0 } name) task.Name = name;
        }
        foreach (var timer in await db.Timers.Where(t => t.InstanceId == instance.Id && t.Status == RowStatus.Pending).ToListAsync(ct))
            if (waits.TryGetValue(timer.EngineTimerId, out var elementId)) timer.ElementId = elementId;
        foreach (var job in await db.ServiceJobs.Where(j => j.InstanceId == instance.Id && j.Status == RowStatus.Pending).ToListAsync(ct))
            if (waits.TryGetValue(job.EngineJobId, out var elementId)) job.ElementId = elementId;
        foreach (var subscription in await db.MessageSubscriptions.Where(s => s.InstanceId == instance.Id).ToListAsync(ct))
            if (waits.TryGetValue(subscription.EngineSubscriptionId, out var elementId)) subscription.ElementId = elementId;
        var incidents = state.Incidents.ToDictionary(i => i.Id, i => i.ElementId);
        foreach (var incident in await db.Incidents.Where(i => i.InstanceId == instance.Id && i.ResolvedAt == null).ToListAsync(ct))
            if (incidents.TryGetValue(incident.EngineIncidentId, out var elementId)) incident.ElementId = elementId;
    }

    private static InstanceAuditEntity Audit(MigrationEntity migration, Guid instanceId, InstanceState state, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(), InstanceId = instanceId, Action = "migrated", Actor = migration.CreatedBy, At = now,
        DetailsJson = JsonSerializer.Serialize(new
        {
            migrationId = migration.Id, definitionKey = migration.DefinitionKey, fromVersion = migration.FromVersion, toVersion = migration.ToVersion,
            activeElementIds = state.Tokens.Select(t => t.ElementId).Distinct().ToList(),
        }),
    };
}
