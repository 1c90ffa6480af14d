using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Services;

/// <summary>
/// Signals broadcast from outside (a holiday announced, a procedure suspended) and the outbox an operator watches:
/// a broadcast is an outbox row like a signal a process throws, delivered by the same job; a process owner's
/// broadcast reaches only the procedures they own.
/// </summary>
public sealed class SignalService(WorkflowDbContext db, IJobScheduling scheduling, TimeProvider clock)
{
    public async Task<SignalAccepted> BroadcastAsync(SignalRequest request, Actor actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Name))
            throw new InvalidInputException("The signal has no name.", [new FieldError(null, null, "A signal name is required.", "name")]);
        if (request.Name.Length > 200)
            throw new InvalidInputException("The signal name is longer than 200 characters.", [new FieldError(null, null, "At most 200 characters.", "name")]);
        RequestLimits.Variables(request.Variables);
        var row = new OutboxEntity
        {
            InstanceId = Guid.Empty, Kind = OutboxKind.Signal, Name = request.Name, PayloadJson = (request.Variables ?? []).ToJsonString(),
            OwnerScope = actor.IsAdmin ? null : actor.UserName, CreatedAt = clock.GetUtcNow(),
        };
        db.Outbox.Add(row);
        await db.SaveChangesAsync(ct);
        await scheduling.EnqueueOutboxAsync(row.Id, ct);
        return new SignalAccepted(row.Id);
    }

    /// <summary>Outbox rows, newest first; a process owner sees the rows of their procedures' instances and their own broadcasts.</summary>
    public async Task<IReadOnlyList<OutboxItem>> ListAsync(string? status, Actor actor, CancellationToken ct)
    {
        var query = db.Outbox.AsNoTracking();
        if (status is not null) query = query.Where(o => o.Status == status);
        if (!actor.IsAdmin)
        {
            var me = actor.UserName;
            query = query.Where(o => o.OwnerScope == me
                || db.Instances.Any(i => i.Id == o.InstanceId && db.DefinitionOwners.Any(d => d.DefinitionKey == i.DefinitionKey && d.UserName == me)));
        }
        return await query.OrderByDescending(o => o.Id).Take(200)
            .Select(o => new OutboxItem(o.Id, o.Kind, o.Name, o.CorrelationKey, o.InstanceId == Guid.Empty ? null : o.InstanceId, o.Status, o.Attempts, o.LastError, o.CreatedAt, o.DispatchedAt))
            .ToListAsync(ct);
    }

    /// <summary>Puts an undeliverable row back to pending and delivers it again (what was delivered stays delivered).</summary>
    public async Task<OutboxItem> RetryAsync(long id, Actor actor, CancellationToken ct)
    {
        if (!await VisibleAsync(id, actor, ct)) throw new NotFoundException($"Outbox row {id} does not exist.");
        var changed = await db.Outbox.Where(o => o.Id == id && o.Status == OutboxStatus.Undeliverable)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Pending), ct);
        if (changed == 0) throw new ConflictException($"Outbox row {id} is not undeliverable; only undeliverable rows are retried.");
        await scheduling.EnqueueOutboxAsync(id, ct);
        return await db.Outbox.AsNoTracking().Where(o => o.Id == id)
            .Select(o => new OutboxItem(o.Id, o.Kind, o.Name, o.CorrelationKey, o.InstanceId == Guid.Empty ? null : o.InstanceId, o.Status, o.Attempts, o.LastError, o.CreatedAt, o.DispatchedAt))
            .SingleAsync(ct);
    }

    private async Task<bool> VisibleAsync(long id, Actor actor, CancellationToken ct)
    {
        if (actor.IsAdmin) return await db.Outbox.AnyAsync(o => o.Id == id, ct);
        var me = actor.UserName;
        return await db.Outbox.AnyAsync(o => o.Id == id && (o.OwnerScope == me
            || db.Instances.Any(i => i.Id == o.InstanceId && db.DefinitionOwners.Any(d => d.DefinitionKey == i.DefinitionKey && d.UserName == me))), ct);
    }
}
