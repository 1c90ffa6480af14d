using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Engine;
using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Services;

/// <summary>Deploys and publishes procedure definitions (decision 5: one published version per key).</summary>
public sealed class DefinitionService(WorkflowDbContext db, BpmnEngine engine, DefinitionCatalog catalog, StartTimerService startTimers, TimeProvider clock)
{
    /// <summary>Validates and stores a new version; invalid documents change nothing and come back as 422.</summary>
    public async Task<DefinitionSummary> DeployAsync(string xml, bool publish, string? user, bool reuseIdenticalLatest, CancellationToken ct)
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
        var key = result.Definition!.Key;
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(xml)));
        var latest = await db.Definitions.Where(d => d.Key == key).OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct);
        if (reuseIdenticalLatest && latest is not null && latest.XmlHash == hash)
        {
            if (publish && latest.Status != DefinitionStatus.Published) await PublishAsync(key, latest.Version, ct);
            return Summary(latest);
        }
        var row = new DefinitionEntity
        {
            Id = Guid.NewGuid(), Key = key, Version = (latest?.Version ?? 0) + 1, Name = result.Definition.Name, Status = DefinitionStatus.Draft,
            Xml = xml, XmlHash = hash, CreatedAt = clock.GetUtcNow(), CreatedBy = user,
        };
        db.Definitions.Add(row);
        // Deploy-and-publish is one unit: a failed publish must not leave a stray draft behind.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw new ConflictException($"Another version of '{key}' was deployed at the same moment; deploy again.");
        }
        if (publish) await PublishAsync(key, row.Version, ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        var warnings = result.Report.Warnings.Select(p => new ProblemView(p.ElementId, p.ElementType, "warning", p.Message)).ToList();
        return Summary(row) with { Warnings = warnings };
    }

    /// <summary>Makes a version the published one; the previous published version is retired, its instances keep running.</summary>
    public async Task<DefinitionSummary> PublishAsync(string key, int? version, CancellationToken ct)
    {
        var versions = await db.Definitions.Where(d => d.Key == key).ToListAsync(ct);
        if (versions.Count == 0) throw new NotFoundException($"No definition has the key '{key}'.");
        var target = version is { } v ? versions.SingleOrDefault(d => d.Version == v) : versions.MaxBy(d => d.Version);
        if (target is null) throw new NotFoundException($"Definition '{key}' has no version {version}.");
        foreach (var other in versions.Where(d => d.Status == DefinitionStatus.Published && d != target))
            other.Status = DefinitionStatus.Retired;
        target.Status = DefinitionStatus.Published;
        target.PublishedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        var definition = catalog.Compile(target);
        await startTimers.ScheduleAsync(definition, ct);
        return Summary(target);
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
