using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Engine;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Services;

/// <summary>A migration request that passed every check: both versions compiled, the map, and the instances it covers.</summary>
public sealed record CheckedMigration(string Key, ExecutableDefinition From, ExecutableDefinition To, IReadOnlyDictionary<string, string> ElementMap,
    IReadOnlyList<InstanceEntity> Instances);

/// <summary>
/// Checks a migration request and computes its dry run. The dry run asks the engine itself to migrate a copy of each
/// instance's state (the engine never changes the state passed in), so what it promises is exactly what execution does.
/// </summary>
public sealed class MigrationPlanner(WorkflowDbContext db, DefinitionCatalog catalog, BpmnEngine engine, ProcedureOwners owners, TimeProvider clock)
{
    /// <summary>Most instances one migration covers; a dry run of more would not fit one answer. Narrow with instanceIds.</summary>
    public const int MaxInstances = 5_000;

    private const int MaxMapEntries = 1_000;

    /// <summary>
    /// 422 naming the field or the element for bad input, 404 for an unknown key, 403 unless the caller is an admin or
    /// an owner of the key. Nothing is written.
    /// </summary>
    public async Task<CheckedMigration> CheckAsync(MigrationRequest request, Actor actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.DefinitionKey))
            throw Invalid("definitionKey is required.", "definitionKey", "Name the procedure whose instances move.");
        var key = request.DefinitionKey;
        var versions = await db.Definitions.AsNoTracking().Where(d => d.Key == key).Select(d => new { d.Version, d.Status }).ToListAsync(ct);
        if (versions.Count == 0) throw new NotFoundException($"No definition has the key '{key}'.");
        if (!await owners.OwnsAsync(actor, key, ct))
            throw new ForbiddenException($"Only the owners of '{key}' (and admins) may migrate its instances.");

        var from = Version(request.FromVersion, "fromVersion");
        var to = Version(request.ToVersion, "toVersion");
        if (from == to) throw Invalid($"fromVersion and toVersion are both {from}.", "toVersion", "Choose another version to move to.");
        if (versions.Single(v => v.Version == to).Status == DefinitionStatus.Draft)
            throw Invalid($"Version {to} of '{key}' is a draft.", "toVersion", "Publish the version before moving instances to it: a draft may still change.");

        var source = catalog.Get(key, from);
        var target = catalog.Get(key, to);
        var map = CheckMap(request.ElementMap, source, target);
        var instances = await InstancesAsync(key, from, request.InstanceIds, ct);
        return new CheckedMigration(key, source, target, map, instances);

        int Version(int? version, string field)
        {
            if (version is null) throw Invalid($"{field} is required.", field, "Give the version number.");
            if (!versions.Exists(v => v.Version == version))
                throw Invalid($"'{key}' has no version {version}.", field, $"Versions of '{key}': {string.Join(", ", versions.Select(v => v.Version).Order())}.");
            return version.Value;
        }
    }

    /// <summary>The dry run: per instance, where each token and open task would go, or why it cannot move.</summary>
    public async Task<MigrationPlanView> PlanAsync(MigrationRequest request, Actor actor, CancellationToken ct)
    {
        var migration = await CheckAsync(request, actor, ct);
        var plans = await PlanInstancesAsync(migration, ct);
        return new MigrationPlanView(migration.Key, migration.From.Version, migration.To.Version, migration.ElementMap,
            plans.Count(p => p.CanMigrate), plans.Count(p => !p.CanMigrate), plans);
    }

    public async Task<IReadOnlyList<InstancePlanView>> PlanInstancesAsync(CheckedMigration migration, CancellationToken ct)
    {
        var ids = migration.Instances.Select(i => i.Id).ToList();
        var tasks = (await db.Tasks.AsNoTracking().Where(t => ids.Contains(t.InstanceId) && t.State == TaskState.Open)
                .Select(t => new { t.Id, t.InstanceId, t.EngineTaskId, t.Name, t.ElementId, t.Assignee, t.DueAt }).ToListAsync(ct))
            .ToLookup(t => t.InstanceId);
        var now = clock.GetUtcNow();
        var command = new MigrateInstance(migration.ElementMap);
        var plans = new List<InstancePlanView>(migration.Instances.Count);
        foreach (var instance in migration.Instances)
        {
            var state = InstanceStateSerializer.Deserialize(instance.StateJson);
            EngineResult result;
            try
            {
                result = engine.Execute(migration.To, state, command, now, catalog);
            }
            catch (MigrationException e)
            {
                plans.Add(new InstancePlanView(instance.Id, instance.BusinessKey, false, e.Problems, [], []));
                continue;
            }
            var moved = result.State.Tokens.ToDictionary(t => t.Id, t => t.ElementId);
            var tokens = state.Tokens.GroupBy(t => (From: t.ElementId, To: moved.GetValueOrDefault(t.Id, t.ElementId)))
                .Select(g => new TokenMoveView(g.Key.From, g.Key.To, g.Count())).ToList();
            var waits = result.State.Waits.Where(w => w.Kind == WaitKind.UserTask).ToDictionary(w => w.Id, w => w.ElementId);
            var taskMoves = tasks[instance.Id]
                .Select(t => new TaskMoveView(t.Id, t.Name, t.ElementId, waits.GetValueOrDefault(t.EngineTaskId, t.ElementId), t.Assignee, t.DueAt)).ToList();
            plans.Add(new InstancePlanView(instance.Id, instance.BusinessKey, true, [], tokens, taskMoves));
        }
        return plans;
    }

    /// <summary>Every old id must be an element of the old version and every new id one of the new version, of the same kind.</summary>
    private static Dictionary<string, string> CheckMap(IReadOnlyDictionary<string, string>? requested, ExecutableDefinition from, ExecutableDefinition to)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (requested is null) return map;
        if (requested.Count > MaxMapEntries)
            throw Invalid($"The element map has {requested.Count} entries; at most {MaxMapEntries} are allowed.", "elementMap", "Map only the elements whose id changed.");
        var errors = new List<FieldError>();
        foreach (var (oldId, newId) in requested)
        {
            var field = $"elementMap.{oldId}";
            if (!from.Process.AllNodes.TryGetValue(oldId, out var oldNode))
            {
                errors.Add(new FieldError(oldId, null, $"'{oldId}' is not an element of version {from.Version}.", field));
                continue;
            }
            if (string.IsNullOrWhiteSpace(newId) || !to.Process.AllNodes.TryGetValue(newId, out var newNode))
            {
                errors.Add(new FieldError(newId, null, $"'{newId}' (the new id for '{oldId}') is not an element of version {to.Version}.", field));
                continue;
            }
            if (oldNode.Kind != newNode.Kind)
            {
                errors.Add(new FieldError(newId, newNode.Kind.ToString(),
                    $"'{oldId}' is a {oldNode.Kind} but '{newId}' is a {newNode.Kind}; a waiting token cannot change what it waits for.", field));
                continue;
            }
            map[oldId] = newId;
        }
        if (errors.Count > 0) throw new InvalidInputException($"The element map does not fit versions {from.Version} and {to.Version}: {errors[0].Message}", errors);
        return map;
    }

    /// <summary>The running instances of that version (all, or the ones named); a named id that is not one of them is a 422.</summary>
    private async Task<IReadOnlyList<InstanceEntity>> InstancesAsync(string key, int version, IReadOnlyList<Guid>? ids, CancellationToken ct)
    {
        var running = db.Instances.AsNoTracking().Where(i => i.DefinitionKey == key && i.DefinitionVersion == version
            && (i.Status == InstanceRowStatus.Active || i.Status == InstanceRowStatus.Incident));
        if (ids is null)
        {
            var count = await running.CountAsync(ct);
            if (count > MaxInstances)
                throw Invalid($"Version {version} of '{key}' has {count} running instances; one migration moves at most {MaxInstances}.", "instanceIds",
                    $"Name at most {MaxInstances} instances in instanceIds and migrate in several runs.");
            return await running.OrderBy(i => i.StartedAt).ThenBy(i => i.Id).ToListAsync(ct);
        }
        var wanted = ids.Distinct().ToList();
        if (wanted.Count > MaxInstances) throw Invalid($"instanceIds names {wanted.Count} instances; at most {MaxInstances} are allowed.", "instanceIds", $"Name at most {MaxInstances}.");
        var found = await running.Where(i => wanted.Contains(i.Id)).ToListAsync(ct);
        var missing = wanted.Except(found.Select(i => i.Id)).ToList();
        if (missing.Count > 0)
            throw new InvalidInputException($"{missing.Count} of the named instances are not running instances of '{key}' version {version}.",
                missing.Take(20).Select(id => new FieldError(null, null, $"{id} is not a running instance of '{key}' version {version}.", "instanceIds")).ToList());
        return found.OrderBy(i => i.StartedAt).ThenBy(i => i.Id).ToList();
    }

    private static InvalidInputException Invalid(string message, string field, string hint) => new(message, [new FieldError(null, null, hint, field)]);
}
