using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Engine;

namespace WorkflowHost.Server.Services;

/// <summary>
/// Compiled definitions by (key, version), shared by all requests; a version's XML never changes, so entries
/// never go stale. Also the engine's resolver for call activities (published version unless one is pinned).
/// </summary>
public sealed class DefinitionCatalog(BpmnEngine engine, IServiceScopeFactory scopes) : IDefinitionResolver
{
    private readonly ConcurrentDictionary<(string Key, int Version), ExecutableDefinition> _compiled = new();

    public ExecutableDefinition Get(string key, int version)
    {
        if (_compiled.TryGetValue((key, version), out var cached)) return cached;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var row = db.Definitions.AsNoTracking().SingleOrDefault(d => d.Key == key && d.Version == version)
            ?? throw new Extensions.NotFoundException($"Definition '{key}' version {version} does not exist.");
        return Compile(row);
    }

    public ExecutableDefinition Compile(DefinitionEntity row)
    {
        if (_compiled.TryGetValue((row.Key, row.Version), out var cached)) return cached;
        var result = engine.Load(row.Xml, row.Key, this);
        var definition = result.Definition?.WithVersion(row.Version)
            ?? throw new InvalidOperationException($"Stored definition '{row.Key}' v{row.Version} no longer loads: {string.Join("; ", result.Report.Errors.Select(e => e.Message))}");
        return _compiled.GetOrAdd((row.Key, row.Version), definition);
    }

    public ExecutableDefinition? Resolve(string key, int? version)
    {
        if (version is { } v) return _compiled.TryGetValue((key, v), out var pinned) ? pinned : TryGet(key, v);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var row = db.Definitions.AsNoTracking().Where(d => d.Key == key && d.Status == DefinitionStatus.Published).OrderByDescending(d => d.Version).FirstOrDefault();
        return row is null ? null : Compile(row);
    }

    private ExecutableDefinition? TryGet(string key, int version)
    {
        try { return Get(key, version); }
        catch (Extensions.NotFoundException) { return null; }
    }
}
