using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Services;

/// <summary>Read side of instances: views built from the row, its state and its history.</summary>
public sealed class InstanceQueries(WorkflowDbContext db)
{
    public async Task<InstanceView> GetAsync(Guid id, CancellationToken ct)
    {
        var instance = await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct)
            ?? throw new NotFoundException($"Instance {id} does not exist.");
        var state = InstanceStateSerializer.Deserialize(instance.StateJson);
        var incidents = await db.Incidents.AsNoTracking().Where(i => i.InstanceId == id && i.ResolvedAt == null).OrderBy(i => i.CreatedAt)
            .Select(i => new IncidentView(i.Id, i.InstanceId, i.ElementId, i.Message, i.CreatedAt, i.ResolvedAt)).ToListAsync(ct);
        var history = await db.History.AsNoTracking().Where(h => h.InstanceId == id).OrderBy(h => h.ElementInstanceId)
            .Select(h => new HistoryView(h.ElementId, h.ElementType, h.StartedAt, h.EndedAt, h.Cancelled)).ToListAsync(ct);
        return new InstanceView(instance.Id, instance.DefinitionKey, instance.DefinitionVersion, instance.BusinessKey, instance.Status,
            RootVariables(state), ActiveElements(state), incidents, history, instance.StartedAt, instance.EndedAt);
    }

    public async Task<IReadOnlyList<InstanceSummary>> ListAsync(string? status, string? definitionKey, string? businessKey, int limit, int offset, CancellationToken ct)
    {
        var query = db.Instances.AsNoTracking().AsQueryable();
        if (status is not null) query = query.Where(i => i.Status == status);
        if (definitionKey is not null) query = query.Where(i => i.DefinitionKey == definitionKey);
        if (businessKey is not null) query = query.Where(i => i.BusinessKey == businessKey);
        return await query.OrderByDescending(i => i.StartedAt).Skip(offset).Take(Math.Clamp(limit, 1, 500))
            .Select(i => new InstanceSummary(i.Id, i.DefinitionKey, i.DefinitionVersion, i.BusinessKey, i.Status, i.StartedAt, i.EndedAt)).ToListAsync(ct);
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
