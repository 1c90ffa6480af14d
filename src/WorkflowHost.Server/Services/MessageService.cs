using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Services;

/// <summary>
/// Delivers a message: to every instance waiting for it (narrowed by correlation key = business key, or by
/// instance id), and starts an instance of every published definition with a message start event of that name.
/// </summary>
/// <remarks>
/// A message without a correlation key or instance id reaches every waiting instance: only admins may send one to all,
/// and process owners to the instances of the procedures they own; staff must correlate. One request reaches at most
/// <see cref="WorkflowHostOptions.MaxMessageDeliveries"/> instances (more is refused before anything is delivered), and
/// each delivery is its own transaction: one instance that cannot take the message does not undo or stop the others.
/// </remarks>
public sealed class MessageService(WorkflowDbContext db, DefinitionCatalog catalog, InstanceCommandService commands, IServiceScopeFactory scopes,
    IOptions<WorkflowHostOptions> options, ILogger<MessageService> logger)
{
    public async Task<MessageResult> CorrelateAsync(MessageRequest request, Actor actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Name))
            throw new InvalidInputException("The message has no name.", [new FieldError(null, null, "A message name is required.", "name")]);
        RequestLimits.BusinessKey(request.CorrelationKey, "correlationKey");
        RequestLimits.Variables(request.Variables);
        var broadcast = request.CorrelationKey is null && request.InstanceId is null;
        if (broadcast && !actor.IsAdmin && !actor.IsProcessOwner)
            throw new InvalidInputException("Name the dossier the message is for: a correlationKey (its business key) or an instanceId.",
                [new FieldError(null, null, "Give the business key of the dossier this message is about.", "correlationKey")]);

        var query = db.MessageSubscriptions.AsNoTracking().Where(s => s.MessageName == request.Name);
        if (request.CorrelationKey is not null) query = query.Where(s => s.BusinessKey == request.CorrelationKey);
        if (request.InstanceId is { } instanceId) query = query.Where(s => s.InstanceId == instanceId);
        var me = actor.UserName;
        if (broadcast && !actor.IsAdmin)
            query = query.Where(s => db.Instances.Any(i => i.Id == s.InstanceId && db.DefinitionOwners.Any(o => o.DefinitionKey == i.DefinitionKey && o.UserName == me)));
        var cap = options.Value.MaxMessageDeliveries;
        var instances = await query.Select(s => s.InstanceId).Distinct().OrderBy(id => id).Take(cap + 1).ToListAsync(ct);
        if (instances.Count > cap)
            throw new InvalidInputException($"The message '{request.Name}' would reach more than {cap} waiting instances; one request may reach at most {cap}. Narrow it with a correlationKey or instanceId.",
                [new FieldError(null, null, $"At most {cap} instances per message.", "correlationKey")]);

        var matched = 0;
        foreach (var id in instances)
        {
            try
            {
                await ConflictRetry.RunAsync(scopes, async services =>
                {
                    try
                    {
                        var (_, result, _) = await services.GetRequiredService<InstanceCommandService>().ExecuteAsync(id,
                            _ => new CorrelateMessage(request.Name, InstanceCommandService.ToVariables(request.Variables)), actor.UserName, null, ct);
                        matched += result.MatchedWaits;
                    }
                    catch (EngineCommandException ex) when (ex.Refusal == CommandRefusal.InvalidState)
                    {
                        // The instance ended meanwhile; nothing waits there any more.
                    }
                }, ct);
            }
            catch (Exception ex) when (broadcast && ex is not OperationCanceledException && ex is not EngineCommandException { Refusal: CommandRefusal.InvalidInput })
            {
                // One instance failing (a conflict that outlasted the retries, a database error) must not stop the rest.
                logger.LogWarning(ex, "Message {Message} was not delivered to instance {InstanceId}", request.Name, id);
            }
        }

        var started = new List<Guid>();
        if (request.InstanceId is null)
        {
            var published = db.Definitions.AsNoTracking().Where(d => d.Status == DefinitionStatus.Published);
            if (broadcast && !actor.IsAdmin) published = published.Where(d => db.DefinitionOwners.Any(o => o.DefinitionKey == d.Key && o.UserName == me));
            foreach (var row in await published.ToListAsync(ct))
            {
                var definition = catalog.Compile(row);
                foreach (var (name, startEventId) in definition.MessageStartEvents)
                {
                    if (name != request.Name) continue;
                    var (instance, _, _) = await commands.StartAsync(definition, request.CorrelationKey, request.Variables, actor.UserName, startEventId, ct);
                    started.Add(instance.Id);
                }
            }
        }
        return new MessageResult(matched + started.Count, started);
    }
}
