using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Services;

/// <summary>Open incidents and their retry, within the instances the caller may read (a dossier's incidents follow its units).</summary>
public sealed class IncidentService(WorkflowDbContext db, InstanceCommandService commands, InstanceQueries instances)
{
    public async Task<IReadOnlyList<IncidentView>> ListAsync(Actor actor, Guid? instanceId, bool includeResolved, int limit, CancellationToken ct)
    {
        var visible = instances.Visible(actor);
        var query = db.Incidents.AsNoTracking().Where(i => visible.Any(v => v.Id == i.InstanceId));
        if (!includeResolved) query = query.Where(i => i.ResolvedAt == null);
        if (instanceId is { } id) query = query.Where(i => i.InstanceId == id);
        return await query.OrderByDescending(i => i.CreatedAt).Take(Math.Clamp(limit, 1, 500))
            .Select(i => new IncidentView(i.Id, i.InstanceId, i.ElementId, i.Message, i.CreatedAt, i.ResolvedAt)).ToListAsync(ct);
    }

    public async Task<InstanceStarted> RetryAsync(Guid incidentId, Actor actor, RetryIncidentRequest request, CancellationToken ct)
    {
        var incident = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == incidentId, ct)
            ?? throw new NotFoundException($"Incident {incidentId} does not exist.");
        if (!await instances.Visible(actor).AnyAsync(i => i.Id == incident.InstanceId, ct)) throw new NotFoundException($"Incident {incidentId} does not exist.");
        if (incident.ResolvedAt is not null) throw new ConflictException($"Incident {incidentId} is already resolved.");
        var (instance, result, opened) = await commands.ExecuteAsync(incident.InstanceId, _ => new RetryIncident(incident.EngineIncidentId, InstanceCommandService.ToVariables(request.Variables)), actor.UserName, null, ct);
        return new InstanceStarted(instance.Id, instance.Status, InstanceQueries.ActiveElements(result.State), TaskService.VisibleViews(opened, instance, actor));
    }
}
