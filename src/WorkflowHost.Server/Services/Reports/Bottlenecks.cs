using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Services.Reports;

/// <summary>
/// Where a procedure's dossiers wait: per task element of one definition version, the open steps of the caller's units,
/// the median time they have spent so far and how many are past due. The database counts them (<see cref="OpenStepsSql"/>),
/// so a province's answer is a few rows however many steps are open.
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

        var now = clock.GetUtcNow();
        var counted = await OpenStepsSql.For(db, data.Zone).PerElementAsync(key, chosen, scope.Units, now, ct);
        var elements = counted.Select(e =>
        {
            // The middle step(s) by age: the median of the hours spent, the mean of the two middle ones for an even count.
            var median = ((now - e.LaterMiddle).TotalHours + (now - e.EarlierMiddle).TotalHours) / 2;
            return new BottleneckElement(e.ElementId, e.Name, e.Open, Math.Round(median, 2), e.Overdue);
        }).OrderByDescending(e => e.Open).ThenBy(e => e.ElementId, StringComparer.Ordinal).ToList();
        return new Bottleneck(code, key, chosen, versions.Select(v => v.Version).ToList(), elements);
    }
}
