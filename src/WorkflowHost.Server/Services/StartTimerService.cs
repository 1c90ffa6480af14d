using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Engine;
using WorkflowHost.Engine.Timers;

namespace WorkflowHost.Server.Services;

/// <summary>
/// Timer start events of published definitions: one pending row per start event holds the next occurrence.
/// Publishing a version replaces the rows of the previous one; firing starts an instance and books the next
/// occurrence of a cycle in the same transaction.
/// </summary>
public sealed class StartTimerService(WorkflowDbContext db, BpmnEngine engine, DefinitionCatalog catalog, InstanceCommandService commands,
    EffectDispatcher dispatcher, TimeProvider clock, ILogger<StartTimerService> logger)
{
    public async Task ScheduleAsync(ExecutableDefinition definition, CancellationToken ct)
    {
        await db.Timers.Where(t => t.DefinitionKey == definition.Key && t.Status == RowStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, RowStatus.Cancelled), ct);
        var pending = new PendingDispatch();
        foreach (var start in definition.TimerStartEvents)
        {
            if (start.Event?.Timer is not { } timer)
            {
                logger.LogWarning("Timer start event {Element} of {Key} uses an expression; only literal ISO 8601 start timers are scheduled", start.Id, definition.Key);
                continue;
            }
            var row = NewRow(definition, start.Id, TimerSchedule.FirstDue(timer, clock.GetUtcNow(), engine.Options.Calendar), 0);
            db.Timers.Add(row);
            pending.TimersToSchedule.Add(row);
        }
        await db.SaveChangesAsync(ct);
        await dispatcher.DispatchAsync(pending, ct);
    }

    /// <summary>Starts the instance for a due start timer; a second call for the same row does nothing.</summary>
    public async Task FireAsync(Guid timerId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Timers.Where(t => t.Id == timerId && t.Status == RowStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, RowStatus.Done).SetProperty(t => t.FiredAt, clock.GetUtcNow()), ct);
        if (claimed == 0) return;
        var row = await db.Timers.AsNoTracking().SingleAsync(t => t.Id == timerId, ct);
        var definition = catalog.Get(row.DefinitionKey!, row.DefinitionVersion!.Value);
        var pending = new PendingDispatch();
        var start = definition.TimerStartEvents.Single(s => s.Id == row.ElementId);
        if (start.Event?.Timer is TimerCycle cycle && TimerSchedule.NextDue(cycle, row.DueAt, row.Occurrence + 1, engine.Options.Calendar) is { } next)
        {
            var nextRow = NewRow(definition, row.ElementId, next, row.Occurrence + 1);
            db.Timers.Add(nextRow);
            pending.TimersToSchedule.Add(nextRow);
        }
        PendingDispatch? started = null;
        await commands.StartAsync(definition, null, null, "timer", row.ElementId, ct, p => started = p);
        await transaction.CommitAsync(ct);
        await dispatcher.DispatchAsync(pending, ct);
        if (started is not null) await dispatcher.DispatchAsync(started, ct);
    }

    private static TimerEntity NewRow(ExecutableDefinition definition, string elementId, DateTimeOffset due, int occurrence)
    {
        // No instance exists yet; the row's own id stands in so the (instance, engine timer) index stays unique.
        var id = Guid.NewGuid();
        return NewRow(id, definition, elementId, due, occurrence);
    }

    private static TimerEntity NewRow(Guid id, ExecutableDefinition definition, string elementId, DateTimeOffset due, int occurrence) => new()
    {
        Id = id, InstanceId = id, DefinitionKey = definition.Key, DefinitionVersion = definition.Version,
        ElementId = elementId, DueAt = due, Status = RowStatus.Pending, Occurrence = occurrence,
    };
}
