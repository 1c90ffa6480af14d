using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Services;

/// <summary>
/// Read side of instances: views built from the row, its state and its history. Every read is scoped in the query
/// (decision 13): an instance the caller has no reason to see is answered exactly like one that does not exist.
/// </summary>
public sealed class InstanceQueries(WorkflowDbContext db)
{
    /// <summary>
    /// The instances <paramref name="actor"/> may read: admins all; the instance of a dossier, people of one of the
    /// dossier's units (staff and managers alike, as for the dossier itself); an instance outside any dossier, managers;
    /// and anyone who started it, owns its procedure, or has a task on it they may work or worked (assignee, candidate
    /// user, or one of their candidate groups) — a dossier's task only within their own units, so that sharing a role
    /// with another ward's officers reveals nothing of that ward's dossiers.
    /// </summary>
    public IQueryable<InstanceEntity> Visible(Actor actor)
    {
        var query = db.Instances.AsNoTracking();
        if (actor.IsAdmin) return query;
        var me = actor.UserName;
        var groups = actor.Groups.ToList();
        var units = actor.Units.ToList();
        var manager = actor.IsManager;
        return query.Where(i => i.StartedBy == me
            || (i.DossierId == null && manager)
            || (i.DossierId != null && db.Dossiers.Any(d => d.Id == i.DossierId
                && (units.Contains(d.ReceivingUnit) || units.Contains(d.CompetentUnit) || units.Contains(d.ReturnUnit))))
            || db.DefinitionOwners.Any(o => o.DefinitionKey == i.DefinitionKey && o.UserName == me)
            || db.Tasks.Any(t => t.InstanceId == i.Id && (t.UnitCode == null || units.Contains(t.UnitCode)) && (t.Assignee == me
                || t.Candidates.Any(c => (c.Kind == CandidateKind.Group && groups.Contains(c.Name)) || (c.Kind == CandidateKind.User && c.Name == me)))));
    }

    /// <summary>The instance row if <paramref name="actor"/> may read it; 404 alike for unknown and invisible ids.</summary>
    public async Task<InstanceEntity> VisibleRowAsync(Guid id, Actor actor, CancellationToken ct) =>
        await Visible(actor).SingleOrDefaultAsync(i => i.Id == id, ct) ?? throw NotFound(id);

    /// <summary>Cancelling is for admins and the procedure's owners; others who can see the instance get 403.</summary>
    public async Task EnsureMayCancelAsync(Guid id, Actor actor, CancellationToken ct)
    {
        var instance = await VisibleRowAsync(id, actor, ct);
        if (actor.IsAdmin) return;
        if (!await db.DefinitionOwners.AnyAsync(o => o.DefinitionKey == instance.DefinitionKey && o.UserName == actor.UserName, ct))
            throw new ForbiddenException($"Only admins and the owners of '{instance.DefinitionKey}' may cancel its instances.");
    }

    private static NotFoundException NotFound(Guid id) => new($"Instance {id} does not exist.");

    public async Task<InstanceView> GetAsync(Guid id, Actor actor, CancellationToken ct)
    {
        var instance = await VisibleRowAsync(id, actor, ct);
        var state = InstanceStateSerializer.Deserialize(instance.StateJson);
        var incidents = await db.Incidents.AsNoTracking().Where(i => i.InstanceId == id && i.ResolvedAt == null).OrderBy(i => i.CreatedAt)
            .Select(i => new IncidentView(i.Id, i.InstanceId, i.ElementId, i.Message, i.CreatedAt, i.ResolvedAt)).ToListAsync(ct);
        var history = await db.History.AsNoTracking().Where(h => h.InstanceId == id).OrderBy(h => h.ElementInstanceId)
            .Select(h => new HistoryView(h.ElementId, h.ElementType, h.StartedAt, h.EndedAt, h.Cancelled)).ToListAsync(ct);
        var dossierCode = instance.DossierId is { } dossierId
            ? await db.Dossiers.AsNoTracking().Where(d => d.Id == dossierId).Select(d => d.Code).SingleOrDefaultAsync(ct)
            : null;
        return new InstanceView(instance.Id, instance.DefinitionKey, instance.DefinitionVersion, instance.BusinessKey, instance.Status,
            RootVariables(state), ActiveElements(state), incidents, history, instance.StartedAt, instance.EndedAt, dossierCode);
    }

    public async Task<IReadOnlyList<InstanceSummary>> ListAsync(Actor actor, InstanceFilter filter, int limit, int offset, CancellationToken ct)
    {
        var query = Visible(actor);
        if (filter.Status is { } status) query = query.Where(i => i.Status == status);
        if (filter.DefinitionKey is { } key) query = query.Where(i => i.DefinitionKey == key);
        if (filter.Version is { } version) query = query.Where(i => i.DefinitionVersion == version);
        if (filter.BusinessKey is { } businessKey) query = query.Where(i => i.BusinessKey == businessKey);
        if (filter.Unit is { } unit)
            query = query.Where(i => db.Dossiers.Any(d => d.Id == i.DossierId && (d.ReceivingUnit == unit || d.CompetentUnit == unit || d.ReturnUnit == unit)));
        return await query.OrderByDescending(i => i.StartedAt).Skip(offset).Take(limit)
            .Select(i => new InstanceSummary(i.Id, i.DefinitionKey, i.DefinitionVersion, i.BusinessKey, i.Status, i.StartedAt, i.EndedAt,
                db.Dossiers.Where(d => d.Id == i.DossierId).Select(d => d.Code).FirstOrDefault())).ToListAsync(ct);
    }

    public static IReadOnlyList<string> ActiveElements(InstanceState state) =>
        state.Tokens.Select(t => t.ElementId).Distinct(StringComparer.Ordinal).ToList();

    public static JsonObject RootVariables(InstanceState state)
    {
        var result = new JsonObject();
        var root = state.Scopes.FirstOrDefault(s => s.ParentId is null);
        if (root is null) return result;
        foreach (var (name, value) in root.Variables) result[name] = value?.DeepClone();
        return result;
    }
}
