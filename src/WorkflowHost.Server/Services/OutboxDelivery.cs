using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Engine;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Server.Jobs;

namespace WorkflowHost.Server.Services;

/// <summary>
/// Delivers one outbox row. A signal reaches every instance waiting for it and starts one instance of every published
/// procedure with a signal start event of that name. A message reaches the other instances waiting for it under its
/// correlation key, or — when none waits — starts one instance of every published procedure with a message start
/// event of that name; a message that reaches no one is kept as undeliverable, for an operator to retry.
/// </summary>
/// <remarks>
/// Each delivery is its own transaction with an <see cref="OutboxDeliveryEntity"/> row whose key is (outbox row,
/// instance): a second run of the same row — a Hangfire retry, the reconciler, another node — skips what was delivered
/// and finishes the rest, so every instance hears a signal exactly once.
/// </remarks>
public sealed class OutboxDelivery(WorkflowDbContext db, DefinitionCatalog catalog, IServiceScopeFactory scopes, IBackgroundJobClient jobs,
    TimeProvider clock, ILogger<OutboxDelivery> logger)
{
    /// <summary>
    /// Above this many waiting instances the row's job also hands chunks of them to Hangfire, so every node's workers
    /// share a large broadcast; the row's own job still goes through all of them (skipping what the chunks delivered)
    /// and is the one that marks the row done.
    /// </summary>
    public const int ChunkSize = 100;

    /// <summary>The key a thrown message correlates by: its <c>correlationKey</c> variable, else the thrower's business key.</summary>
    public static string? CorrelationKeyOf(JsonObject payload, string? businessKey) =>
        payload["correlationKey"] is JsonValue value && value.TryGetValue<string>(out var key) && key.Length > 0 ? key : businessKey;

    /// <summary>Variables the engine keeps for itself; a thrown message does not carry them to its receiver.</summary>
    private static readonly string[] EngineOwned = ["loopCounter", "nrOfInstances", "nrOfCompletedInstances", "nrOfActiveInstances"];

    public async Task DeliverAsync(long outboxId, CancellationToken ct)
    {
        var row = await db.Outbox.AsNoTracking().SingleOrDefaultAsync(o => o.Id == outboxId, ct);
        if (row is null || row.Status != OutboxStatus.Pending) return;
        var variables = Variables(row);
        var delivered = (await db.OutboxDeliveries.Where(d => d.OutboxId == outboxId).Select(d => d.InstanceId).ToListAsync(ct)).ToHashSet();
        var isSignal = row.Kind == OutboxKind.Signal;
        EngineCommand command = isSignal ? new DeliverSignal(row.Name, variables) : new CorrelateMessage(row.Name, variables);

        var reached = 0;
        var failures = new List<string>();
        var targets = await WaitingInstancesAsync(row, ct);
        if (targets.Count > ChunkSize)
            foreach (var chunk in targets.Where(id => !delivered.Contains(id)).Chunk(ChunkSize).Reverse())
                jobs.Enqueue<OutboxJobs>(j => j.DeliverChunkAsync(outboxId, chunk, CancellationToken.None));
        foreach (var instanceId in targets)
        {
            try
            {
                if (delivered.Contains(instanceId) || await DeliverToAsync(row, instanceId, command, ct)) reached++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "{Kind} {Name} (outbox {Id}) was not delivered to instance {InstanceId}", row.Kind, row.Name, row.Id, instanceId);
                failures.Add($"instance {instanceId}: {ex.Message}");
            }
        }
        if (isSignal || reached == 0)
            reached += await StartInstancesAsync(row, delivered, failures, ct);

        string? problem = failures.Count > 0 ? string.Join("; ", failures.Take(5))
            : !isSignal && reached == 0 ? $"No instance waits for message '{row.Name}'{(row.CorrelationKey is { } k ? $" with correlation key '{k}'" : "")} and no published procedure starts with it."
            : null;
        await db.Outbox.Where(o => o.Id == outboxId).ExecuteUpdateAsync(s => s
            .SetProperty(o => o.Status, problem is null ? OutboxStatus.Done : OutboxStatus.Undeliverable)
            .SetProperty(o => o.LastError, problem)
            .SetProperty(o => o.Attempts, o => o.Attempts + 1)
            .SetProperty(o => o.DispatchedAt, problem is null ? clock.GetUtcNow() : null), ct);
    }

    /// <summary>Delivers to some of a large broadcast's instances, beside the row's own job; never changes the row's status.</summary>
    public async Task DeliverChunkAsync(long outboxId, Guid[] instanceIds, CancellationToken ct)
    {
        var row = await db.Outbox.AsNoTracking().SingleOrDefaultAsync(o => o.Id == outboxId, ct);
        if (row is null || row.Status != OutboxStatus.Pending) return;
        EngineCommand command = row.Kind == OutboxKind.Signal ? new DeliverSignal(row.Name, Variables(row)) : new CorrelateMessage(row.Name, Variables(row));
        foreach (var instanceId in instanceIds)
        {
            try
            {
                await DeliverToAsync(row, instanceId, command, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The row's own job reaches this instance too and records the failure on the row.
                logger.LogDebug(ex, "Chunk delivery of outbox {Id} to instance {InstanceId} failed", row.Id, instanceId);
            }
        }
    }

    private async Task<List<Guid>> WaitingInstancesAsync(OutboxEntity row, CancellationToken ct)
    {
        IQueryable<Guid> ids = row.Kind == OutboxKind.Signal
            ? db.SignalSubscriptions.Where(s => s.SignalName == row.Name).Select(s => s.InstanceId)
            : db.MessageSubscriptions.Where(s => s.MessageName == row.Name && s.InstanceId != row.InstanceId
                && (row.CorrelationKey == null || s.BusinessKey == row.CorrelationKey)).Select(s => s.InstanceId);
        if (row.OwnerScope is { } owner)
            ids = ids.Where(id => db.Instances.Any(i => i.Id == id && db.DefinitionOwners.Any(o => o.DefinitionKey == i.DefinitionKey && o.UserName == owner)));
        return await ids.Distinct().OrderBy(id => id).ToListAsync(ct);
    }

    /// <summary>One instance, one transaction: the command and the delivery row commit together, or neither does.</summary>
    private async Task<bool> DeliverToAsync(OutboxEntity row, Guid instanceId, EngineCommand command, CancellationToken ct)
    {
        var reached = false;
        await ConflictRetry.RunAsync(scopes, async services =>
        {
            var scoped = services.GetRequiredService<WorkflowDbContext>();
            if (await scoped.OutboxDeliveries.AnyAsync(d => d.OutboxId == row.Id && d.InstanceId == instanceId, ct))
            {
                reached = true; // another run delivered it meanwhile
                return;
            }
            try
            {
                var outcome = await services.GetRequiredService<InstanceCommandService>().ExecuteAsync(instanceId, _ => command, row.Kind, _ =>
                {
                    scoped.OutboxDeliveries.Add(new OutboxDeliveryEntity { OutboxId = row.Id, InstanceId = instanceId, DeliveredAt = clock.GetUtcNow() });
                    return Task.CompletedTask;
                }, ct);
                reached = outcome.Result.MatchedWaits > 0;
            }
            catch (EngineCommandException ex) when (ex.Refusal == CommandRefusal.InvalidState)
            {
                // The instance ended meanwhile: nothing waits there any more.
            }
        }, ct);
        return reached;
    }

    /// <summary>Starts one instance of each published procedure whose start event the signal or message names, once per row.</summary>
    private async Task<int> StartInstancesAsync(OutboxEntity row, HashSet<Guid> delivered, List<string> failures, CancellationToken ct)
    {
        var published = db.Definitions.AsNoTracking().Where(d => d.Status == DefinitionStatus.Published);
        if (row.OwnerScope is { } owner) published = published.Where(d => db.DefinitionOwners.Any(o => o.DefinitionKey == d.Key && o.UserName == owner));
        var started = 0;
        foreach (var definitionRow in await published.ToListAsync(ct))
        {
            var definition = catalog.Compile(definitionRow);
            var starts = row.Kind == OutboxKind.Signal ? definition.SignalStartEvents : definition.MessageStartEvents;
            foreach (var (name, startEventId) in starts)
            {
                if (name != row.Name) continue;
                var key = StartKey(definition, startEventId);
                if (delivered.Contains(key)) { started++; continue; }
                try
                {
                    if (await StartAsync(row, definition, startEventId, key, ct)) started++;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "{Kind} {Name} (outbox {Id}) did not start {Definition}", row.Kind, row.Name, row.Id, definition.Key);
                    failures.Add($"start of '{definition.Key}': {ex.Message}");
                }
            }
        }
        return started;
    }

    private async Task<bool> StartAsync(OutboxEntity row, ExecutableDefinition definition, string startEventId, Guid key, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var scoped = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        if (await scoped.OutboxDeliveries.AnyAsync(d => d.OutboxId == row.Id && d.InstanceId == key, ct)) return true;
        // Saved with the new instance in one SaveChanges: a second run finds the row and starts nothing.
        scoped.OutboxDeliveries.Add(new OutboxDeliveryEntity { OutboxId = row.Id, InstanceId = key, DeliveredAt = clock.GetUtcNow() });
        var variables = JsonNode.Parse(row.PayloadJson) as JsonObject;
        if (variables is not null) foreach (var name in EngineOwned) variables.Remove(name);
        try
        {
            await scope.ServiceProvider.GetRequiredService<InstanceCommandService>().StartAsync(definition,
                row.Kind == OutboxKind.Message ? row.CorrelationKey : null, variables, row.Kind, startEventId, ct);
        }
        catch (DbUpdateException ex) when (UniqueViolation.IsCauseOf(ex))
        {
            return true; // another node started it at the same moment
        }
        return true;
    }

    /// <summary>The delivery key of "start this procedure at this start event" for one row: stable across runs and nodes.</summary>
    private static Guid StartKey(ExecutableDefinition definition, string startEventId) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"start:{definition.Key}:{startEventId}")).AsSpan(0, 16));

    private static IReadOnlyDictionary<string, JsonNode?>? Variables(OutboxEntity row)
    {
        if (JsonNode.Parse(row.PayloadJson) is not JsonObject payload || payload.Count == 0) return null;
        foreach (var name in EngineOwned) payload.Remove(name);
        return InstanceCommandService.ToVariables(payload);
    }
}
