using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Services;

/// <summary>The inbox: who sees which task, claiming, and completing through the engine.</summary>
public sealed class TaskService(WorkflowDbContext db, InstanceCommandService commands)
{
    public async Task<IReadOnlyList<TaskView>> ListAsync(Actor actor, Guid? instanceId, string? assignee, string? candidateGroup, string? state,
        int limit, int offset, CancellationToken ct)
    {
        var query = db.Tasks.AsNoTracking().AsQueryable();
        // A literal 'open' (not a parameter) lets PostgreSQL's prepared plans use the partial open-task indexes.
        query = state is null or TaskState.Open ? query.Where(t => t.State == TaskState.Open) : query.Where(t => t.State == state);
        if (instanceId is { } id) query = query.Where(t => t.InstanceId == id);
        if (assignee is not null) query = query.Where(t => t.Assignee == assignee);
        if (candidateGroup is not null) query = query.Where(t => t.Candidates.Any(c => c.Kind == "group" && c.Name == candidateGroup));
        if (!actor.IsAdmin)
        {
            var me = actor.UserName;
            var groups = actor.Groups.ToList();
            query = query.Where(t => t.Assignee == me
                || t.Candidates.Any(c => (c.Kind == "group" && groups.Contains(c.Name)) || (c.Kind == "user" && c.Name == me)));
        }
        var rows = await query.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.CreatedAt)
            .Skip(offset).Take(Math.Clamp(limit, 1, 500))
            .Select(t => new
            {
                Task = t,
                Candidates = t.Candidates.Select(c => new { c.Kind, c.Name }).ToList(),
                // Scalar subqueries (primary-key lookups for the page's rows only): a projected .First() becomes a
                // ROW_NUMBER() window over the whole instances table on every call.
                BusinessKey = db.Instances.Where(i => i.Id == t.InstanceId).Select(i => i.BusinessKey).FirstOrDefault(),
                DefinitionKey = db.Instances.Where(i => i.Id == t.InstanceId).Select(i => i.DefinitionKey).FirstOrDefault(),
            }).ToListAsync(ct);
        return rows.Select(r => View(r.Task, r.Candidates.Where(c => c.Kind == "group").Select(c => c.Name).ToList(),
            r.Candidates.Where(c => c.Kind == "user").Select(c => c.Name).ToList(), r.BusinessKey, r.DefinitionKey ?? "")).ToList();
    }

    public async Task<TaskView> ClaimAsync(Guid taskId, Actor actor, CancellationToken ct)
    {
        var task = await LoadVisibleAsync(taskId, actor, ct);
        if (task.State != TaskState.Open) throw new ConflictException($"Task {taskId} is already {task.State}.");
        if (task.Assignee == actor.UserName) return await ViewAsync(task, ct);
        // Conditional update: two people claiming at once cannot both win.
        var updated = await db.Tasks.Where(t => t.Id == taskId && t.State == TaskState.Open && t.Assignee == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Assignee, actor.UserName), ct);
        if (updated == 0) throw new ConflictException($"Task {taskId} is already claimed by {task.Assignee ?? "someone else"}.");
        task.Assignee = actor.UserName;
        return await ViewAsync(task, ct);
    }

    public async Task<TaskView> UnclaimAsync(Guid taskId, Actor actor, CancellationToken ct)
    {
        var task = await LoadVisibleAsync(taskId, actor, ct);
        if (task.State != TaskState.Open) throw new ConflictException($"Task {taskId} is already {task.State}.");
        if (task.Assignee is not null && task.Assignee != actor.UserName && !actor.IsAdmin)
            throw new ForbiddenException($"Task {taskId} is claimed by {task.Assignee}; only they or an admin can release it.");
        await db.Tasks.Where(t => t.Id == taskId).ExecuteUpdateAsync(s => s.SetProperty(t => t.Assignee, (string?)null), ct);
        task.Assignee = null;
        return await ViewAsync(task, ct);
    }

    /// <summary>
    /// Reads the task, its candidates and its instance row in one query, then runs the completion through the engine;
    /// the answer carries the tasks it opened that the caller may work on, so an inbox can go straight to the next step.
    /// </summary>
    public async Task<TaskCompletion> CompleteAsync(Guid taskId, Actor actor, CompleteTaskRequest request, CancellationToken ct)
    {
        var row = await db.TaskWithInstanceAsync(taskId, ct);
        if (row is null || !MayWork(row.Task, actor)) throw new NotFoundException($"Task {taskId} does not exist.");
        var task = row.Task;
        if (task.State != TaskState.Open) throw new ConflictException($"Task {taskId} is already {task.State}.");
        if (task.Assignee is not null && task.Assignee != actor.UserName && !actor.IsAdmin)
            throw new ForbiddenException($"Task {taskId} is claimed by {task.Assignee}.");
        try
        {
            var outcome = await commands.ExecuteAsync(row.Instance, [task],
                _ => new CompleteUserTask(task.EngineTaskId, InstanceCommandService.ToVariables(request.Variables)), actor.UserName, null, ct);
            return new TaskCompletion(taskId, outcome.Instance.Id, outcome.Instance.Status, InstanceQueries.ActiveElements(outcome.Result.State),
                VisibleViews(outcome.TasksOpened, outcome.Instance, actor));
        }
        catch (EngineCommandException ex) when (ex.Refusal == CommandRefusal.NotFound)
        {
            // The row was open when read above: another request completed or cancelled the task in between (409, not 404).
            throw new ConflictException($"Task {taskId} was completed or cancelled by someone else at the same moment; reload the inbox.");
        }
    }

    /// <summary>Views of freshly opened tasks, limited to those the actor may work on.</summary>
    public static IReadOnlyList<TaskView> VisibleViews(IEnumerable<TaskEntity> tasks, InstanceEntity instance, Actor actor) =>
        tasks.Where(t => MayWork(t, actor)).Select(t => View(t, instance.BusinessKey, instance.DefinitionKey)).ToList();

    private async Task<TaskEntity> LoadVisibleAsync(Guid taskId, Actor actor, CancellationToken ct)
    {
        var task = await db.Tasks.AsNoTracking().Include(t => t.Candidates).SingleOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null || !MayWork(task, actor)) throw new NotFoundException($"Task {taskId} does not exist.");
        return task;
    }

    private static bool MayWork(TaskEntity task, Actor actor) =>
        actor.IsAdmin || task.Assignee == actor.UserName
        || task.Candidates.Any(c => (c.Kind == "group" && actor.Groups.Contains(c.Name)) || (c.Kind == "user" && c.Name == actor.UserName));

    private async Task<TaskView> ViewAsync(TaskEntity task, CancellationToken ct)
    {
        var instance = await db.Instances.AsNoTracking().Where(i => i.Id == task.InstanceId).Select(i => new { i.BusinessKey, i.DefinitionKey }).SingleAsync(ct);
        return View(task, instance.BusinessKey, instance.DefinitionKey);
    }

    private static TaskView View(TaskEntity t, string? businessKey, string definitionKey) =>
        View(t, t.Candidates.Where(c => c.Kind == "group").Select(c => c.Name).ToList(),
            t.Candidates.Where(c => c.Kind == "user").Select(c => c.Name).ToList(), businessKey, definitionKey);

    private static TaskView View(TaskEntity t, IReadOnlyList<string> groups, IReadOnlyList<string> users, string? businessKey, string definitionKey) =>
        new(t.Id, t.InstanceId, t.ElementId, t.Name, groups, users, t.Assignee, t.DueAt, t.State, t.FormKey, t.CreatedAt, businessKey, definitionKey);
}
