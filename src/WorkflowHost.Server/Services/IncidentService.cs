using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Services;

/// <summary>Open incidents and their retry, within the instances the caller may read (a dossier's incidents follow its units).</summary>
public sealed class IncidentService(WorkflowDbContext db, InstanceCommandService commands, InstanceQueries instances)
{
    public async Task<IReadOnlyList<IncidentView>> ListAsync(Actor actor, Guid? instanceId, bool includeResolved, InstanceFilter filter, int limit, int offset, CancellationToken ct)
    {
        var visible = instances.Visible(actor);
        if (filter.DefinitionKey is { } key) visible = visible.Where(i => i.DefinitionKey == key);
        if (filter.Version is { } version) visible = visible.Where(i => i.DefinitionVersion == version);
        if (filter.BusinessKey is { } businessKey) visible = visible.Where(i => i.BusinessKey == businessKey);
        if (filter.Unit is { } unit)
            visible = visible.Where(i => db.Dossiers.Any(d => d.Id == i.DossierId && (d.ReceivingUnit == unit || d.CompetentUnit == unit || d.ReturnUnit == unit)));
        var query = db.Incidents.AsNoTracking().Where(i => visible.Any(v => v.Id == i.InstanceId));
        if (!includeResolved) query = query.Where(i => i.ResolvedAt == null);
        if (instanceId is { } id) query = query.Where(i => i.InstanceId == id);
        var rows = from i in query
                   join v in db.Instances on i.InstanceId equals v.Id
                   orderby i.CreatedAt descending
                   select new IncidentView(i.Id, i.InstanceId, i.ElementId, i.Message, i.CreatedAt, i.ResolvedAt, v.DefinitionKey, v.DefinitionVersion, v.BusinessKey);
        return await rows.Skip(offset).Take(Math.Clamp(limit, 1, 500)).ToListAsync(ct);
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
