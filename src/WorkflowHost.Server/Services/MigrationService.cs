using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Services;

/// <summary>
/// Accepts a migration (its row and one outcome row per instance, written together) and reports its progress. The
/// work itself is <see cref="MigrationRunner"/>'s, driven by a Hangfire job.
/// </summary>
public sealed class MigrationService(WorkflowDbContext db, MigrationPlanner planner, ProcedureOwners owners, TimeProvider clock)
{
    /// <summary>
    /// Checks the request as the dry run does and records the migration: instances the dry run refuses get their
    /// outcome and reason at once and are never touched; the others are pending. Does not start the job.
    /// </summary>
    public async Task<MigrationEntity> SubmitAsync(MigrationRequest request, Actor actor, CancellationToken ct)
    {
        var migration = await planner.CheckAsync(request, actor, ct);
        var plans = await planner.PlanInstancesAsync(migration, ct);
        var now = clock.GetUtcNow();
        var row = new MigrationEntity
        {
            Id = Guid.NewGuid(), DefinitionKey = migration.Key, FromVersion = migration.From.Version, ToVersion = migration.To.Version,
            ElementMapJson = JsonSerializer.Serialize(migration.ElementMap), Total = plans.Count, CreatedAt = now, CreatedBy = actor.UserName,
            Status = plans.Any(p => p.CanMigrate) ? MigrationStatus.Running : MigrationStatus.Completed,
            CompletedAt = plans.Any(p => p.CanMigrate) ? null : now,
        };
        db.Migrations.Add(row);
        foreach (var plan in plans)
            db.MigrationInstances.Add(new MigrationInstanceEntity
            {
                MigrationId = row.Id, InstanceId = plan.InstanceId, BusinessKey = plan.BusinessKey,
                Outcome = plan.CanMigrate ? MigrationOutcome.Pending : MigrationOutcome.Refused,
                Reason = plan.CanMigrate ? null : string.Join(" ", plan.Problems), DoneAt = plan.CanMigrate ? null : now,
            });
        await db.SaveChangesAsync(ct);
        return row;
    }

    /// <summary>Progress and a page of outcomes; 404 for an unknown id and for a procedure the caller does not own.</summary>
    public async Task<MigrationView> GetAsync(Guid id, Actor actor, string? outcome, int limit, int offset, CancellationToken ct)
    {
        var row = await db.Migrations.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
        // Scope lives in the query (decision 13): a migration of someone else's procedure is answered as unknown.
        if (row is null || !await owners.OwnsAsync(actor, row.DefinitionKey, ct)) throw new NotFoundException($"Migration {id} does not exist.");
        if (outcome is not null && outcome is not (MigrationOutcome.Pending or MigrationOutcome.Migrated or MigrationOutcome.Refused or MigrationOutcome.Failed))
            throw new InvalidInputException($"outcome '{outcome}' is not one of pending, migrated, refused, failed.",
                [new FieldError(null, null, "Use pending, migrated, refused or failed.", "outcome")]);
        var counts = await db.MigrationInstances.AsNoTracking().Where(m => m.MigrationId == id).GroupBy(m => m.Outcome)
            .Select(g => new { Outcome = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Outcome, g => g.Count, ct);
        var page = db.MigrationInstances.AsNoTracking().Where(m => m.MigrationId == id);
        if (outcome is not null) page = page.Where(m => m.Outcome == outcome);
        var instances = await page.OrderBy(m => m.Outcome == MigrationOutcome.Pending).ThenBy(m => m.BusinessKey).ThenBy(m => m.InstanceId)
            .Skip(offset).Take(limit)
            .Select(m => new MigrationInstanceView(m.InstanceId, m.BusinessKey, m.Outcome, m.Reason, m.DoneAt)).ToListAsync(ct);
        return new MigrationView(row.Id, row.DefinitionKey, row.FromVersion, row.ToVersion, ElementMap(row), row.Status, row.Total,
            counts.GetValueOrDefault(MigrationOutcome.Pending), counts.GetValueOrDefault(MigrationOutcome.Migrated),
            counts.GetValueOrDefault(MigrationOutcome.Refused), counts.GetValueOrDefault(MigrationOutcome.Failed),
            row.CreatedBy, row.CreatedAt, row.CompletedAt, instances);
    }

    /// <summary>The migrations of the procedures the caller owns (admins: all), newest first.</summary>
    public async Task<IReadOnlyList<MigrationSummary>> ListAsync(Actor actor, string? definitionKey, int limit, int offset, CancellationToken ct)
    {
        var query = db.Migrations.AsNoTracking();
        if (!actor.IsAdmin)
        {
            var me = actor.UserName;
            query = query.Where(m => db.DefinitionOwners.Any(o => o.DefinitionKey == m.DefinitionKey && o.UserName == me));
        }
        if (!string.IsNullOrWhiteSpace(definitionKey)) query = query.Where(m => m.DefinitionKey == definitionKey);
        return await query.OrderByDescending(m => m.CreatedAt).Skip(offset).Take(limit)
            .Select(m => new MigrationSummary(m.Id, m.DefinitionKey, m.FromVersion, m.ToVersion, m.Status, m.Total, m.CreatedBy, m.CreatedAt, m.CompletedAt))
            .ToListAsync(ct);
    }

    public static IReadOnlyDictionary<string, string> ElementMap(MigrationEntity row) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(row.ElementMapJson) ?? [];
}
