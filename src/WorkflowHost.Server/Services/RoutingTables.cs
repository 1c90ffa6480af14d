using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Procedures.Routing;
using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Services;

/// <summary>Parsed routing tables by (province, version). Saved versions never change, so an entry never goes stale.</summary>
public sealed class RoutingTableCache
{
    private readonly ConcurrentDictionary<(string, int), RoutingTable> _tables = new();

    public bool TryGet(string province, int version, out RoutingTable table) => _tables.TryGetValue((province, version), out table!);

    public RoutingTable GetOrAdd(RoutingTableEntity row) =>
        _tables.GetOrAdd((row.Province, row.Version), _ => RoutingTableFile.Parse(row.Json) with { Province = row.Province, Version = row.Version });
}

/// <summary>
/// The routing tables of the provinces: the database holds every saved version (the truth, shared by all nodes);
/// <c>workflows/routing/*.json</c> ships the first ones. A save is checked first and refused with every problem named;
/// overlapping rows are reported as warnings beside the saved version.
/// </summary>
public sealed class RoutingTables(WorkflowDbContext db, OneStopData data, RoutingTableCache cache, TimeProvider clock, ILogger<RoutingTables> logger)
{
    /// <summary>The latest saved version of <paramref name="province"/>'s table; null when none was ever saved.</summary>
    public async Task<RoutingTable?> CurrentAsync(string province, CancellationToken ct)
    {
        var version = await db.RoutingTables.AsNoTracking().Where(t => t.Province == province).MaxAsync(t => (int?)t.Version, ct);
        return version is null ? null : await VersionAsync(province, version.Value, ct);
    }

    public async Task<RoutingTable?> VersionAsync(string province, int version, CancellationToken ct)
    {
        // A receipt asks for the current table every time; a saved version never changes, so only its number is read.
        if (cache.TryGet(province, version, out var cached)) return cached;
        var row = await db.RoutingTables.AsNoTracking().FirstOrDefaultAsync(t => t.Province == province && t.Version == version, ct);
        return row is null ? null : cache.GetOrAdd(row);
    }

    /// <summary>Every saved version, newest first, without the rows.</summary>
    public async Task<List<RoutingTableVersionView>> HistoryAsync(string province, CancellationToken ct) =>
        await db.RoutingTables.AsNoTracking().Where(t => t.Province == province).OrderByDescending(t => t.Version)
            .Select(t => new RoutingTableVersionView(t.Version, t.SavedAt, t.SavedBy, t.Note)).ToListAsync(ct);

    /// <summary>
    /// Saves <paramref name="table"/> as the next version of its province. <paramref name="table"/>'s own version must be
    /// the current one (the version the editor started from): a save over someone else's newer save answers 409.
    /// </summary>
    /// <exception cref="InvalidInputException">The table has errors; each names its JSON path and row.</exception>
    public async Task<RoutingTableSaved> SaveAsync(string province, RoutingTable table, string savedBy, string? note, CancellationToken ct)
    {
        var problems = RoutingTableCheck.Check(table with { Province = province }, data.Units, data.Procedures);
        var errors = problems.Where(p => p.IsError).ToList();
        if (errors.Count > 0)
            throw new InvalidInputException($"The routing table was not saved: {errors.Count} problem(s); see errors.",
                errors.Select(e => new FieldError(e.Rule, "routingRule", e.Message, e.Path)).ToList());
        var current = await db.RoutingTables.AsNoTracking().Where(t => t.Province == province).MaxAsync(t => (int?)t.Version, ct) ?? 0;
        if (table.Version != current)
            throw new ConflictException($"The routing table of {province} is at version {current}, but this edit started from version {table.Version}; reload it and apply your change again.");
        var next = table with { Province = province, Version = current + 1 };
        db.RoutingTables.Add(new RoutingTableEntity
        {
            Province = province, Version = next.Version, Json = RoutingTableFile.Write(next), SavedAt = clock.GetUtcNow(), SavedBy = savedBy,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw new ConflictException($"Someone else saved version {next.Version} of the routing table of {province} at the same time; reload it and apply your change again.");
        }
        return new RoutingTableSaved(province, next.Version, problems.Where(p => !p.IsError).Select(View).ToList());
    }

    /// <summary>Checks a table without saving it: what a save would refuse or warn about.</summary>
    public IReadOnlyList<RoutingProblemView> Check(string province, RoutingTable table) =>
        RoutingTableCheck.Check(table with { Province = province }, data.Units, data.Procedures).Select(View).ToList();

    /// <summary>
    /// Imports <c>workflows/routing/*.json</c>: a file whose (province, version) is not saved yet becomes that version;
    /// one already saved is left alone (the database is the truth once people edit the table in the web app).
    /// </summary>
    public async Task ImportShippedAsync(string workflowsDirectory, CancellationToken ct)
    {
        var folder = Path.Combine(workflowsDirectory, "routing");
        if (!Directory.Exists(folder)) return;
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            RoutingTable table;
            try
            {
                table = RoutingTableFile.Parse(await File.ReadAllTextAsync(file, ct));
            }
            catch (RoutingTableException e)
            {
                logger.LogError("Routing table {File} was not imported: {Message}", file, e.Message);
                continue;
            }
            var errors = RoutingTableCheck.Check(table, data.Units, data.Procedures).Where(p => p.IsError).ToList();
            if (errors.Count > 0)
            {
                logger.LogError("Routing table {File} was not imported: {Problems}", file, string.Join("; ", errors.Select(e => $"{e.Path}: {e.Message}")));
                continue;
            }
            if (await db.RoutingTables.AnyAsync(t => t.Province == table.Province && t.Version == table.Version, ct)) continue;
            db.RoutingTables.Add(new RoutingTableEntity
            {
                Province = table.Province, Version = table.Version, Json = RoutingTableFile.Write(table), SavedAt = clock.GetUtcNow(),
                SavedBy = "startup", Note = $"shipped {Path.GetFileName(file)}",
            });
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Routing table {Province} v{Version} imported from {File}", table.Province, table.Version, Path.GetFileName(file));
        }
    }

    private static RoutingProblemView View(RoutingProblem p) => new(p.Path, p.Rule, p.Message, p.IsError ? "error" : "warning");
}

public sealed record RoutingTableVersionView(int Version, DateTimeOffset SavedAt, string SavedBy, string? Note);

public sealed record RoutingProblemView(string Path, string? Rule, string Message, string Severity);

public sealed record RoutingTableSaved(string Province, int Version, IReadOnlyList<RoutingProblemView> Warnings);
