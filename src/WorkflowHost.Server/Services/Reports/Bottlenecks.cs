using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Services.Reports;

/// <summary>
/// Where a procedure's dossiers wait: per task element of one definition version, the open steps of the caller's units,
/// the median time they have spent so far and how many are past due. Medians are taken in memory over the open steps
/// of one version in scope (thousands at most per unit), since SQLite has no percentile function.
/// </summary>
public sealed class Bottlenecks(WorkflowDbContext db, OneStopData data, TimeProvider clock)
{
    public async Task<Bottleneck> ForAsync(SlaScope scope, int? version, CancellationToken ct)
    {
        var code = scope.Procedure ?? throw new InvalidInputException("Name the procedure.", [SlaPeriod.Field("procedure", "procedure is required: the procedure code whose diagram to draw.")]);
        var today = data.DayOf(clock.GetUtcNow());
        var procedure = data.Procedures.InForce(code, today) ?? data.Procedures.All.LastOrDefault(p => p.Code == code)
            ?? throw new NotFoundException($"No procedure has the code '{code}'.");
        var key = procedure.ProcessKey;
        var versions = await db.Definitions.AsNoTracking().Where(d => d.Key == key).OrderBy(d => d.Version).Select(d => new { d.Version, d.Status }).ToListAsync(ct);
        if (versions.Count == 0) throw new NotFoundException($"Procedure {code} runs on process '{key}', which is not deployed.");
        var chosen = version ?? (versions.LastOrDefault(v => v.Status == DefinitionStatus.Published) ?? versions[^1]).Version;
        if (versions.All(v => v.Version != chosen))
            throw new InvalidInputException($"Process '{key}' has no version {chosen}.",
                [SlaPeriod.Field("version", $"version must be one of {string.Join(", ", versions.Select(v => v.Version))}.")]);

        var query = from t in db.Tasks.AsNoTracking()
                    join i in db.Instances.AsNoTracking() on t.InstanceId equals i.Id
                    where t.State == TaskState.Open && i.DefinitionKey == key && i.DefinitionVersion == chosen
                    select t;
        if (scope.Units is { } units) query = query.Where(t => t.UnitCode != null && units.Contains(t.UnitCode));
        var open = await query.Select(t => new { t.ElementId, t.Name, t.CreatedAt, t.DueAt }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var elements = open.GroupBy(t => t.ElementId).Select(g =>
        {
            var hours = g.Select(t => (now - t.CreatedAt).TotalHours).Order().ToList();
            var median = hours.Count % 2 == 1 ? hours[hours.Count / 2] : (hours[hours.Count / 2 - 1] + hours[hours.Count / 2]) / 2;
            return new BottleneckElement(g.Key, g.First().Name, g.Count(), Math.Round(median, 2), g.Count(t => t.DueAt is { } due && due < now));
        }).OrderByDescending(e => e.Open).ThenBy(e => e.ElementId, StringComparer.Ordinal).ToList();
        return new Bottleneck(code, key, chosen, versions.Select(v => v.Version).ToList(), elements);
    }
}
