using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Engine;
using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Services;

/// <summary>Deploys and publishes procedure definitions (decision 5: one published version per key).</summary>
public sealed class DefinitionService(WorkflowDbContext db, BpmnEngine engine, DefinitionCatalog catalog, StartTimerService startTimers, ProcedureOwners owners,
    TimeProvider clock)
{
    /// <summary>Name of the partial unique index that allows one published version per key (both databases).</summary>
    public const string OnePublishedIndex = "IX_definitions_one_published_per_key";

    /// <summary>Attempts of a deploy or publish that lost a race for the published slot of its key.</summary>
    private const int PublishAttempts = 5;

    /// <summary>Validates and stores a new version; invalid documents change nothing and come back as 422.</summary>
    public Task<DefinitionSummary> DeployAsync(string xml, bool publish, string? user, bool reuseIdenticalLatest, CancellationToken ct) =>
        DeployAsync(xml, publish, user, reuseIdenticalLatest, actor: null, ct);

    /// <summary>
    /// A deployment through the API: a new key is owned by its first deployer from then on; a new version of an
    /// existing key needs one of its owners (or an admin), else 403.
    /// </summary>
    /// <param name="changeNote">What changed, stored with the version (the designer's publish asks for it).</param>
    public Task<DefinitionSummary> DeployAsync(string xml, bool publish, Actor actor, CancellationToken ct, string? changeNote = null) =>
        DeployAsync(xml, publish, actor.UserName, reuseIdenticalLatest: false, actor, ct, changeNote);

    private async Task<DefinitionSummary> DeployAsync(string xml, bool publish, string? user, bool reuseIdenticalLatest, Actor? actor, CancellationToken ct,
        string? changeNote = null)
    {
        if (string.IsNullOrWhiteSpace(xml))
            throw new InvalidInputException("The request body is empty; send the BPMN XML as application/xml or as a multipart file.",
                [new FieldError(null, null, "The BPMN document is empty.", "body")]);
        var result = engine.Load(xml, resolver: catalog);
        if (!result.Succeeded)
            throw new InvalidInputException("The BPMN document cannot be deployed; see errors.",
                result.Report.Errors.Select(p => new FieldError(p.ElementId, p.ElementType, p.Message)).ToList());
        var conventions = Procedures.Dossiers.ProcessConventions.Check(result.Definition!);
        if (conventions.Count > 0)
            throw new InvalidInputException("The BPMN document cannot be deployed; see errors.",
                conventions.Select(p => new FieldError(p.ElementId, p.ElementType, p.Message)).ToList());
        // Inside a caller's transaction a lost race cannot be redone here (PostgreSQL aborted that transaction).
        var outer = db.Database.CurrentTransaction is not null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await DeployOnceAsync(xml, result, publish, user, reuseIdenticalLatest, actor, changeNote, ct);
            }
            catch (Exception ex) when (publish && !outer && attempt < PublishAttempts && LostPublishRace(ex))
            {
                // Another publish of this key committed first; the whole deployment was rolled back. Do it again.
                db.ChangeTracker.Clear();
                await Task.Delay(Random.Shared.Next(5, 25 * attempt), ct);
            }
        }
    }

    private async Task<DefinitionSummary> DeployOnceAsync(string xml, LoadResult result, bool publish, string? user, bool reuseIdenticalLatest, Actor? actor,
        string? changeNote, CancellationToken ct)
    {
        var key = result.Definition!.Key;
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(xml)));
        var latest = await db.Definitions.AsNoTracking().Where(d => d.Key == key).OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct);
        if (actor is not null)
        {
            if (latest is not null) await owners.EnsureOwnsAsync(actor, key, ct);
            else owners.AddFirstOwner(key, actor.UserName);
        }
        if (reuseIdenticalLatest && latest is not null && latest.XmlHash == hash)
        {
            if (publish && latest.Status != DefinitionStatus.Published) return await PublishAsync(key, latest.Version, ct, user);
            return Summary(latest);
        }
        var row = new DefinitionEntity
        {
            Id = Guid.NewGuid(), Key = key, Version = (latest?.Version ?? 0) + 1, Name = result.Definition.Name, Status = DefinitionStatus.Draft,
            Xml = xml, XmlHash = hash, CreatedAt = clock.GetUtcNow(), CreatedBy = user, ChangeNote = changeNote,
        };
        db.Definitions.Add(row);
        // Deploy-and-publish is one unit: a failed publish must not leave a stray draft behind.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (UniqueViolation.IsCauseOf(ex))
        {
            throw new ConflictException($"Another version of '{key}' was deployed at the same moment; deploy again.");
        }
        var summary = Summary(row);
        if (publish) summary = await PublishOnceAsync(key, row.Version, user, ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        var warnings = result.Report.Warnings.Select(p => new ProblemView(p.ElementId, p.ElementType, "warning", p.Message)).ToList();
        return summary with { Warnings = warnings };
    }

    /// <summary>Another publish of the key won: the published slot is taken, or PostgreSQL chose this one as a deadlock victim.</summary>
    private static bool LostPublishRace(Exception ex) =>
        UniqueViolation.IsCauseOf(ex, OnePublishedIndex)
        || ex.AndCauses().Any(c => c is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.DeadlockDetected or Npgsql.PostgresErrorCodes.SerializationFailure });

    /// <summary>Publishing through the API: only the key's owners (and admins).</summary>
    public async Task<DefinitionSummary> PublishAsync(Actor actor, string key, int? version, CancellationToken ct)
    {
        if (!await db.Definitions.AnyAsync(d => d.Key == key, ct)) throw new NotFoundException($"No definition has the key '{key}'.");
        await owners.EnsureOwnsAsync(actor, key, ct);
        return await PublishAsync(key, version, ct, actor.UserName);
    }

    /// <summary>
    /// Makes a version the published one; the previous published version is retired, its instances keep running.
    /// Two publishes of one key racing cannot leave two published versions: the partial unique index refuses the
    /// second, which then starts over and retires the first one's choice.
    /// </summary>
    /// <param name="publishedBy">Recorded on the version for its history; kept when the version was already published.</param>
    public async Task<DefinitionSummary> PublishAsync(string key, int? version, CancellationToken ct, string? publishedBy = null)
    {
        var outer = db.Database.CurrentTransaction is not null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await PublishOnceAsync(key, version, publishedBy, ct);
            }
            catch (Exception ex) when (!outer && attempt < PublishAttempts && LostPublishRace(ex))
            {
                await Task.Delay(Random.Shared.Next(5, 25 * attempt), ct);
            }
        }
    }

    private async Task<DefinitionSummary> PublishOnceAsync(string key, int? version, string? publishedBy, CancellationToken ct)
    {
        DefinitionEntity? target;
        DateTimeOffset publishedAt;
        await using (var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null)
        {
            // PostgreSQL: publishes of one key take the key's rows in version order, so they queue instead of
            // deadlocking on each other's unique-index entries. (SQLite's write transaction already serialises them.)
            if (db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL")
                await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM definitions WHERE \"Key\" = {key} ORDER BY \"Version\" FOR UPDATE", ct);
            var query = db.Definitions.AsNoTracking().Where(d => d.Key == key);
            if (version is { } v) query = query.Where(d => d.Version == v);
            target = await query.OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct);
            if (target is null)
                throw new NotFoundException(version is null || !await db.Definitions.AnyAsync(d => d.Key == key, ct)
                    ? $"No definition has the key '{key}'." : $"Definition '{key}' has no version {version}.");
            publishedAt = target.PublishedAt ?? clock.GetUtcNow();
            publishedBy = target.PublishedBy ?? publishedBy;
            var targetId = target.Id;
            // Retire first, then publish: the unique index is checked row by row.
            await db.Definitions.Where(d => d.Key == key && d.Status == DefinitionStatus.Published && d.Id != targetId)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DefinitionStatus.Retired), ct);
            await db.Definitions.Where(d => d.Id == targetId)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DefinitionStatus.Published).SetProperty(d => d.PublishedAt, publishedAt)
                    .SetProperty(d => d.PublishedBy, publishedBy), ct);
            if (transaction is not null) await transaction.CommitAsync(ct);
        }
        target!.Status = DefinitionStatus.Published;
        target.PublishedAt = publishedAt;
        target.PublishedBy = publishedBy;
        var definition = catalog.Compile(target);
        await startTimers.ScheduleAsync(definition, ct);
        return Summary(target);
    }

    /// <summary>
    /// The version a new instance starts on: the published one, or the one named — which must be the published one;
    /// drafts were never released and retired versions were replaced (422 naming <c>version</c>).
    /// </summary>
    public async Task<DefinitionEntity> ForStartAsync(string key, int? version, CancellationToken ct)
    {
        var query = db.Definitions.AsNoTracking().Where(d => d.Key == key);
        if (version is null)
            return await query.Where(d => d.Status == DefinitionStatus.Published).OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct)
                ?? throw new NotFoundException($"No published version of '{key}' exists.");
        var row = await query.SingleOrDefaultAsync(d => d.Version == version, ct)
            ?? throw new NotFoundException($"Definition '{key}' has no version {version}.");
        if (row.Status != DefinitionStatus.Published)
            throw new InvalidInputException($"Version {version} of '{key}' is {row.Status}; only the published version can be started.",
                [new FieldError(null, null, "Leave version out to start the published version.", "version")]);
        return row;
    }

    public async Task<IReadOnlyList<DefinitionSummary>> ListLatestAsync(CancellationToken ct)
    {
        var rows = await db.Definitions.AsNoTracking()
            .Select(d => new { d.Key, d.Version, d.Name, d.Status, d.CreatedAt, d.PublishedAt }).ToListAsync(ct);
        return rows.GroupBy(r => r.Key)
            .Select(g => g.FirstOrDefault(r => r.Status == DefinitionStatus.Published) ?? g.MaxBy(r => r.Version)!)
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => new DefinitionSummary(r.Key, r.Version, r.Name, r.Status, r.CreatedAt, r.PublishedAt)).ToList();
    }

    public async Task<IReadOnlyList<DefinitionSummary>> VersionsAsync(string key, CancellationToken ct)
    {
        var rows = await db.Definitions.AsNoTracking().Where(d => d.Key == key).OrderBy(d => d.Version).ToListAsync(ct);
        if (rows.Count == 0) throw new NotFoundException($"No definition has the key '{key}'.");
        return rows.Select(Summary).ToList();
    }

    public async Task<string> XmlAsync(string key, int version, CancellationToken ct) =>
        await db.Definitions.AsNoTracking().Where(d => d.Key == key && d.Version == version).Select(d => d.Xml).SingleOrDefaultAsync(ct)
        ?? throw new NotFoundException($"Definition '{key}' has no version {version}.");

    private static DefinitionSummary Summary(DefinitionEntity d) => new(d.Key, d.Version, d.Name, d.Status, d.CreatedAt, d.PublishedAt);
}
