using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Engine;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Services;

/// <summary>The written instance row, the engine's result and the task rows the command opened.</summary>
public sealed record CommandOutcome(InstanceEntity Instance, EngineResult Result, IReadOnlyList<TaskEntity> TasksOpened);

/// <summary>
/// The shell around the pure engine: load the instance row, compute the next state and its effects, write state
/// and effect rows in one transaction guarded by the row's revision, then dispatch to Hangfire after commit.
/// </summary>
public sealed class InstanceCommandService(WorkflowDbContext db, BpmnEngine engine, DefinitionCatalog catalog, EffectDispatcher dispatcher, DossierProjector dossiers,
    Reminders.ReminderPlanner reminders, TimeProvider clock)
{
    public async Task<CommandOutcome> StartAsync(ExecutableDefinition definition, string? businessKey, JsonObject? variables, string? user,
        string? startEventId, CancellationToken ct, Action<PendingDispatch>? afterCommit = null, Guid? dossierId = null)
    {
        var now = clock.GetUtcNow();
        var result = engine.Execute(definition, null, new StartInstance(ToVariables(variables), businessKey, startEventId), now, catalog);
        var instance = new InstanceEntity
        {
            Id = Guid.NewGuid(), DefinitionKey = definition.Key, DefinitionVersion = definition.Version, BusinessKey = businessKey,
            Status = InstanceRowStatus.Active, StateJson = "", StartedAt = now, UpdatedAt = now, StartedBy = user, DossierId = dossierId,
        };
        db.Instances.Add(instance);
        var rows = await EffectWriter.ApplyAsync(db, instance, result, now, user, [], ct);
        await dossiers.ProjectAsync(instance, definition, result, rows, now, user, ct);
        reminders.Plan(rows.TasksOpened, rows.Dispatch, now);
        await SaveAsync(rows.MaxRowsWritten + rows.TasksOpened.Count * Reminders.ReminderPlanner.MaxRowsPerTask, ct);
        if (db.Database.CurrentTransaction is null) await dispatcher.DispatchAsync(rows.Dispatch, ct);
        else afterCommit?.Invoke(rows.Dispatch);
        return new CommandOutcome(instance, result, rows.TasksOpened);
    }

    /// <summary>
    /// Applies one command. <paramref name="beforeCommit"/> may change other rows that must commit atomically with
    /// the state (a timer row marked fired, a job row marked done). A concurrent change gives <see cref="ConflictException"/>.
    /// </summary>
    public async Task<CommandOutcome> ExecuteAsync(Guid instanceId, Func<InstanceState, EngineCommand> command,
        string? user, Func<InstanceEntity, Task>? beforeCommit, CancellationToken ct)
    {
        var instance = await db.Instances.SingleOrDefaultAsync(i => i.Id == instanceId, ct)
            ?? throw new NotFoundException($"Instance {instanceId} does not exist.");
        return await ExecuteAsync(instance, [], command, user, beforeCommit, ct);
    }

    /// <summary>
    /// Applies one command to an instance row this context already tracks, with the open task rows of that instance
    /// it has read alongside (completing a task reads task and instance in one query).
    /// </summary>
    public async Task<CommandOutcome> ExecuteAsync(InstanceEntity instance, IReadOnlyList<TaskEntity> knownTasks, Func<InstanceState, EngineCommand> command,
        string? user, Func<InstanceEntity, Task>? beforeCommit, CancellationToken ct)
    {
        var definition = catalog.Get(instance.DefinitionKey, instance.DefinitionVersion);
        var state = InstanceStateSerializer.Deserialize(instance.StateJson);
        var now = clock.GetUtcNow();
        var result = engine.Execute(definition, state, command(state), now, catalog);
        var rows = await EffectWriter.ApplyAsync(db, instance, result, now, user, knownTasks, ct);
        await dossiers.ProjectAsync(instance, definition, result, rows, now, user, ct);
        reminders.Plan(rows.TasksOpened, rows.Dispatch, now);
        if (beforeCommit is not null) await beforeCommit(instance);
        try
        {
            await SaveAsync(rows.MaxRowsWritten + BeforeCommitRows + DossierProjector.MaxRowsWritten + rows.TasksOpened.Count * Reminders.ReminderPlanner.MaxRowsPerTask, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException($"Instance {instance.Id} was changed by another request at the same moment; reload and try again.");
        }
        catch (Exception ex) when (StaleRevision.IsCauseOf(ex) || ex is DbUpdateException && UniqueViolation.IsCauseOf(ex))
        {
            throw new ConflictException($"Instance {instance.Id} was changed by another request at the same moment; reload and try again.");
        }
        await dispatcher.DispatchAsync(rows.Dispatch, ct);
        return new CommandOutcome(instance, result, rows.TasksOpened);
    }

    /// <summary>Rows a <c>beforeCommit</c> callback may change besides the effects (a timer or a job row marked done).</summary>
    private const int BeforeCommitRows = 4;

    /// <summary>
    /// Far below the providers' batch size limits (Npgsql: 1,000 commands), so a write this small goes out as one batch.
    /// </summary>
    private const int SingleBatchRows = 200;

    /// <summary>
    /// Saves the tracked rows. Where the database runs a lone batch as one implicit transaction (PostgreSQL), a write that
    /// fits in one batch goes without an explicit transaction: one round trip instead of two (the COMMIT), about 9% more
    /// task completions/s in the load test (docs/benchmarks.md). It stays all-or-nothing: the batch is atomic, and a
    /// concurrent writer is caught by the instances trigger (an error aborting the batch) rather than by a zero-row
    /// count read after the fact. EF's zero-row checks on the instance's other rows (tasks, timers, history) still run, but after the batch
    /// has committed; every such row changes only under the instance's revision, so they can fire only if something
    /// wrote them outside it.
    /// </summary>
    private async Task SaveAsync(int maxRowsWritten, CancellationToken ct)
    {
        if (!db.RunsBatchAtomically || db.Database.CurrentTransaction is not null || maxRowsWritten > SingleBatchRows)
        {
            await db.SaveChangesAsync(ct);
            return;
        }
        db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.Database.AutoTransactionBehavior = AutoTransactionBehavior.WhenNeeded;
        }
    }

    internal static IReadOnlyDictionary<string, JsonNode?>? ToVariables(JsonObject? variables)
    {
        if (variables is null) return null;
        var result = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (name, value) in variables) result[name] = value?.DeepClone();
        return result;
    }
}
