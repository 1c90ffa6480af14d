using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Engine.Runtime;

namespace WorkflowHost.Server.Services;

/// <summary>What must happen after commit: Hangfire jobs to create or delete.</summary>
public sealed class PendingDispatch
{
    public List<TimerEntity> TimersToSchedule { get; } = [];
    public List<string> HangfireJobsToDelete { get; } = [];
    public List<ServiceJobEntity> JobsToEnqueue { get; } = [];
    /// <summary>Reminder rows committed with their task; those due within the horizon get a Hangfire job.</summary>
    public List<ReminderEntity> RemindersToSchedule { get; } = [];
    /// <summary>Tasks that ended (completed or cancelled): their pending reminders are cancelled.</summary>
    public List<Guid> TasksEnded { get; } = [];
    /// <summary>Open tasks whose due date moved in this unit of work (a pause ended): their reminders follow after commit.</summary>
    public List<Guid> TasksToReplan { get; } = [];
}

/// <summary>
/// Rows an engine result produced that the caller acts on: jobs to dispatch after commit, tasks to show in the answer,
/// and an upper bound of the rows the write will touch (the instance row included).
/// </summary>
public sealed record EffectRows(PendingDispatch Dispatch, IReadOnlyList<TaskEntity> TasksOpened, int MaxRowsWritten)
{
    /// <summary>Task rows this result completed (the process control slip grades them).</summary>
    public IReadOnlyList<TaskEntity> TasksCompleted { get; init; } = [];
}

/// <summary>
/// Projects engine effects onto rows (tasks, timers, jobs, subscriptions, incidents, history, outbox) in the
/// caller's unit of work. Rows of this instance are loaded only for the effect kinds that need them.
/// </summary>
internal static class EffectWriter
{
    /// <param name="knownTasks">Open task rows of this instance the caller already tracks (the task being completed): ending
    /// only those needs no read.</param>
    public static async Task<EffectRows> ApplyAsync(WorkflowDbContext db, InstanceEntity instance, EngineResult result, DateTimeOffset now,
        string? user, IReadOnlyList<TaskEntity> knownTasks, CancellationToken ct)
    {
        var state = result.State;
        instance.StateJson = InstanceStateSerializer.Serialize(state);
        instance.Status = StatusOf(state);
        instance.EndedAt = state.EndedAt;
        instance.UpdatedAt = now;
        // The database refuses the update unless the stored revision is still the one this state was computed from.
        instance.PreviousRevision = instance.Revision == Guid.Empty ? null : instance.Revision;
        instance.Revision = Guid.NewGuid();

        var pending = new PendingDispatch();
        var effects = result.Effects;
        var tasks = await LoadAsync(() => db.Tasks.Where(t => t.InstanceId == instance.Id && t.State == TaskState.Open), effects,
            e => e is TaskCompleted c && !Knows(c.TaskId) || e is TaskCancelled x && !Knows(x.TaskId), ct);
        if (tasks.Count == 0) tasks.AddRange(knownTasks);
        var opened = new List<TaskEntity>();
        var completed = new List<TaskEntity>();
        var timers = await LoadAsync(() => db.Timers.Where(t => t.InstanceId == instance.Id && t.Status == RowStatus.Pending), effects, e => e is TimerCancelled, ct);
        var jobs = await LoadAsync(() => db.ServiceJobs.Where(j => j.InstanceId == instance.Id && j.Status == RowStatus.Pending), effects, e => e is ServiceJobCancelled, ct);
        var subscriptions = await LoadAsync(() => db.MessageSubscriptions.Where(s => s.InstanceId == instance.Id), effects, e => e is MessageSubscriptionClosed, ct);
        var incidents = await LoadAsync(() => db.Incidents.Where(i => i.InstanceId == instance.Id && i.ResolvedAt == null), effects, e => e is IncidentResolved, ct);
        var startedHere = new Dictionary<long, HistoryEntity>();

        foreach (var effect in effects)
        {
            switch (effect)
            {
                case TaskCreated t:
                    var task = new TaskEntity
                    {
                        Id = Guid.NewGuid(), InstanceId = instance.Id, EngineTaskId = t.TaskId, ElementId = t.ElementId, Name = t.Name, ElementType = t.ElementType,
                        // UTC: dates written without an offset carry the configured zone's, and Npgsql stores only UTC in timestamptz.
                        Assignee = t.Assignee, FormKey = t.FormKey, DueAt = t.DueAt, State = TaskState.Open, CreatedAt = now,
                    };
                    foreach (var g in t.CandidateGroups.Distinct()) task.Candidates.Add(new TaskCandidateEntity { TaskId = task.Id, Kind = CandidateKind.Group, Name = g });
                    foreach (var u in t.CandidateUsers.Distinct()) task.Candidates.Add(new TaskCandidateEntity { TaskId = task.Id, Kind = CandidateKind.User, Name = u });
                    db.Tasks.Add(task);
                    tasks.Add(task);
                    opened.Add(task);
                    break;
                case TaskCompleted t:
                    End(tasks.Find(x => x.EngineTaskId == t.TaskId), TaskState.Completed);
                    break;
                case TaskCancelled t:
                    End(tasks.Find(x => x.EngineTaskId == t.TaskId), TaskState.Cancelled);
                    break;
                case TimerScheduled t:
                    var timer = new TimerEntity { Id = Guid.NewGuid(), InstanceId = instance.Id, EngineTimerId = t.TimerId, ElementId = t.ElementId, DueAt = t.DueAt, Status = RowStatus.Pending };
                    db.Timers.Add(timer);
                    timers.Add(timer);
                    pending.TimersToSchedule.Add(timer);
                    break;
                case TimerCancelled t:
                    if (timers.Find(x => x.EngineTimerId == t.TimerId) is { } cancelled)
                    {
                        cancelled.Status = RowStatus.Cancelled;
                        if (cancelled.HangfireJobId is { } id) pending.HangfireJobsToDelete.Add(id);
                        pending.TimersToSchedule.Remove(cancelled);
                    }
                    break;
                case ServiceJobRequested j:
                    var job = new ServiceJobEntity
                    {
                        Id = Guid.NewGuid(), InstanceId = instance.Id, EngineJobId = j.JobId, ElementId = j.ElementId, Topic = j.Topic,
                        PayloadJson = j.Payload.ToJsonString(), Status = RowStatus.Pending, CreatedAt = now,
                    };
                    db.ServiceJobs.Add(job);
                    jobs.Add(job);
                    pending.JobsToEnqueue.Add(job);
                    break;
                case ServiceJobCancelled j:
                    if (jobs.Find(x => x.EngineJobId == j.JobId) is { } cancelledJob)
                    {
                        cancelledJob.Status = RowStatus.Cancelled;
                        pending.JobsToEnqueue.Remove(cancelledJob);
                    }
                    break;
                case MessageSubscriptionOpened m:
                    var subscription = new MessageSubscriptionEntity
                    {
                        Id = Guid.NewGuid(), InstanceId = instance.Id, EngineSubscriptionId = m.SubscriptionId, MessageName = m.MessageName,
                        BusinessKey = instance.BusinessKey, ElementId = m.ElementId,
                    };
                    db.MessageSubscriptions.Add(subscription);
                    subscriptions.Add(subscription);
                    break;
                case MessageSubscriptionClosed m:
                    if (subscriptions.Find(x => x.EngineSubscriptionId == m.SubscriptionId) is { } closed)
                    {
                        db.MessageSubscriptions.Remove(closed);
                        subscriptions.Remove(closed);
                    }
                    break;
                case MessageSent m:
                    db.Outbox.Add(new OutboxEntity { InstanceId = instance.Id, Kind = "message", Name = m.MessageName, PayloadJson = m.Payload.ToJsonString(), CreatedAt = now });
                    break;
                case SignalThrown s:
                    db.Outbox.Add(new OutboxEntity { InstanceId = instance.Id, Kind = "signal", Name = s.SignalName, PayloadJson = "{}", CreatedAt = now });
                    break;
                case ElementStarted e:
                    var history = new HistoryEntity { InstanceId = instance.Id, ElementInstanceId = e.ElementInstanceId, ElementId = e.ElementId, ElementType = e.ElementType, StartedAt = e.At };
                    db.History.Add(history);
                    startedHere[e.ElementInstanceId] = history;
                    break;
                case ElementEnded e:
                    var row = startedHere.GetValueOrDefault(e.ElementInstanceId);
                    if (row is null)
                    {
                        // Started by an earlier command: attach its key and let the update name the two changed columns.
                        row = new HistoryEntity { InstanceId = instance.Id, ElementInstanceId = e.ElementInstanceId, ElementId = e.ElementId, ElementType = e.ElementType };
                        db.History.Attach(row);
                    }
                    row.EndedAt = e.At;
                    row.Cancelled = e.Cancelled;
                    break;
                case IncidentRaised i:
                    var incident = new IncidentEntity { Id = Guid.NewGuid(), InstanceId = instance.Id, EngineIncidentId = i.IncidentId, ElementId = i.ElementId, Message = i.Message, CreatedAt = now };
                    db.Incidents.Add(incident);
                    incidents.Add(incident);
                    break;
                case IncidentResolved i:
                    if (incidents.Find(x => x.EngineIncidentId == i.IncidentId) is { } resolved) resolved.ResolvedAt = now;
                    break;
            }
        }
        // Each effect writes at most one row, and an opened task one more per candidate.
        return new EffectRows(pending, opened, 1 + effects.Count + opened.Sum(t => t.Candidates.Count)) { TasksCompleted = completed };

        bool Knows(long engineTaskId) => knownTasks.Any(k => k.EngineTaskId == engineTaskId);

        void End(TaskEntity? task, string taskState)
        {
            if (task is null) return;
            task.State = taskState;
            task.EndedAt = now;
            pending.TasksEnded.Add(task.Id);
            if (taskState != TaskState.Completed) return;
            task.CompletedBy = user;
            completed.Add(task);
        }
    }

    public static string StatusOf(InstanceState state) => state.Status switch
    {
        InstanceStatus.Completed => InstanceRowStatus.Completed,
        InstanceStatus.Terminated => InstanceRowStatus.Terminated,
        _ => state.HasOpenIncident ? InstanceRowStatus.Incident : InstanceRowStatus.Active,
    };

    /// <param name="query">Built only when an effect needs the rows: building five expression trees per command that
    /// mostly go unused showed up in the load profile.</param>
    private static async Task<List<T>> LoadAsync<T>(Func<IQueryable<T>> query, IReadOnlyList<EngineEffect> effects, Func<EngineEffect, bool> needs, CancellationToken ct)
        where T : class
    {
        foreach (var effect in effects)
            if (needs(effect)) return await query().ToListAsync(ct);
        return [];
    }
}

/// <summary>JSON helpers for stored payloads.</summary>
internal static class Json
{
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}
