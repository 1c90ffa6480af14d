using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Services;

/// <summary>
/// Delivers a message: to every instance waiting for it (narrowed by correlation key = business key, or by
/// instance id), and starts an instance of every published definition with a message start event of that name.
/// </summary>
public sealed class MessageService(WorkflowDbContext db, DefinitionCatalog catalog, InstanceCommandService commands, IServiceScopeFactory scopes)
{
    public async Task<MessageResult> CorrelateAsync(MessageRequest request, string user, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Name))
            throw new InvalidInputException("The message has no name.", [new FieldError(null, null, "A message name is required.", "name")]);
        var query = db.MessageSubscriptions.AsNoTracking().Where(s => s.MessageName == request.Name);
        if (request.CorrelationKey is not null) query = query.Where(s => s.BusinessKey == request.CorrelationKey);
        if (request.InstanceId is { } instanceId) query = query.Where(s => s.InstanceId == instanceId);
        var instances = await query.Select(s => s.InstanceId).Distinct().ToListAsync(ct);

        var matched = 0;
        foreach (var id in instances)
        {
            await ConflictRetry.RunAsync(scopes, async services =>
            {
                try
                {
                    var (_, result, _) = await services.GetRequiredService<InstanceCommandService>().ExecuteAsync(id,
                        _ => new CorrelateMessage(request.Name, InstanceCommandService.ToVariables(request.Variables)), user, null, ct);
                    matched += result.MatchedWaits;
                }
                catch (EngineCommandException ex) when (ex.Refusal == CommandRefusal.InvalidState)
                {
                    // The instance ended meanwhile; nothing waits there any more.
                }
            }, ct);
        }

        var started = new List<Guid>();
        if (request.InstanceId is null)
        {
            var published = await db.Definitions.AsNoTracking().Where(d => d.Status == DefinitionStatus.Published).ToListAsync(ct);
            foreach (var row in published)
            {
                var definition = catalog.Compile(row);
                foreach (var (name, startEventId) in definition.MessageStartEvents)
                {
                    if (name != request.Name) continue;
                    var (instance, _, _) = await commands.StartAsync(definition, request.CorrelationKey, request.Variables, user, startEventId, ct);
                    started.Add(instance.Id);
                }
            }
        }
        return new MessageResult(matched + started.Count, started);
    }
}
