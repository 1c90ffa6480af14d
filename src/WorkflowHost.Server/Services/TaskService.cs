using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Procedures.Dossiers;
using WorkflowHost.Procedures.Forms;
using WorkflowHost.Procedures.Text;
using Microsoft.Extensions.Localization;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Localization;

namespace WorkflowHost.Server.Services;

/// <summary>The inbox: which tasks a person sees (<see cref="TaskScope"/>), its views and counts, claiming, and completing through the engine.</summary>
public sealed class TaskService(WorkflowDbContext db, PeopleNames people, InstanceCommandService commands, DefinitionCatalog catalog, TaskForms forms, OneStopData data, TimeProvider clock,
    IStringLocalizer<ServerMessages> L)
{
    public const int MaxPageSize = 500;

    /// <summary>The inbox's views: everything in scope, my tasks, my units' unclaimed queue, due within a working day, overdue.</summary>
    public static readonly string[] Views = ["all", "mine", "queue", "dueSoon", "overdue"];

    public async Task<IReadOnlyList<TaskView>> ListAsync(Actor actor, TaskFilter filter, CancellationToken ct)
    {
        if (filter.Limit is < 1 or > MaxPageSize) throw Invalid("limit", $"limit must be between 1 and {MaxPageSize}.");
        if (filter.Offset < 0) throw Invalid("offset", "offset must not be negative.");
        var query = Filtered(actor, filter);
        query = filter.Sort == "created" ? query.OrderBy(t => t.CreatedAt) : query.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.CreatedAt);
        var rows = await query.Skip(filter.Offset).Take(filter.Limit)
            .Select(t => new
            {
                Task = t,
                Candidates = t.Candidates.Select(c => new { c.Kind, c.Name }).ToList(),
                // Scalar subqueries (primary-key lookups for the page's rows only): a projected .First() becomes a
                // ROW_NUMBER() window over the whole table on every call.
                BusinessKey = db.Instances.Where(i => i.Id == t.InstanceId).Select(i => i.BusinessKey).FirstOrDefault(),
                DefinitionKey = db.Instances.Where(i => i.Id == t.InstanceId).Select(i => i.DefinitionKey).FirstOrDefault(),
                // Likewise for the dossier: one scalar subquery per column (a projected object became a ROW_NUMBER() over all
                // dossiers, seconds at 2 million).
                DossierCode = db.Dossiers.Where(d => d.Id == t.DossierId).Select(d => d.Code).FirstOrDefault(),
                ApplicantName = db.Dossiers.Where(d => d.Id == t.DossierId).Select(d => d.ApplicantName).FirstOrDefault(),
                ProcedureName = db.Dossiers.Where(d => d.Id == t.DossierId).Select(d => d.ProcedureName).FirstOrDefault(),
            }).ToListAsync(ct);
        // The page's assignees by display name: one query for the page (a handful of accounts), not a join per row.
        var names = await people.ForAsync(rows.Select(r => r.Task.Assignee), ct);
        return rows.Select(r =>
        {
            r.Task.Candidates = r.Candidates.Select(c => new TaskCandidateEntity { TaskId = r.Task.Id, Kind = c.Kind, Name = c.Name }).ToList();
            return View(r.Task, r.BusinessKey, r.DefinitionKey ?? "", actor) with
            {
                DossierCode = r.DossierCode, ApplicantName = r.ApplicantName, ProcedureName = r.ProcedureName,
                AssigneeDisplayName = names.Of(r.Task.Assignee),
            };
        }).ToList();
    }

    public async Task<TaskCounts> CountAsync(Actor actor, CancellationToken ct)
    {
        async Task<int> Count(string view) => await Filtered(actor, new TaskFilter { View = view }).CountAsync(ct);
        return new TaskCounts(await Count("mine"), await Count("queue"), await Count("dueSoon"), await Count("overdue"));
    }

    private IQueryable<TaskEntity> Filtered(Actor actor, TaskFilter filter)
    {
        if (!Views.Contains(filter.View)) throw Invalid("view", $"view '{filter.View}' is not one of {string.Join(", ", Views)}.");
        if (filter.State is not null && filter.State is not (TaskState.Open or TaskState.Completed or TaskState.Cancelled))
            throw Invalid("state", $"state '{filter.State}' is not one of open, completed, cancelled.");
        var query = db.Tasks.AsNoTracking().AsQueryable();
        // A literal 'open' (not a parameter) lets PostgreSQL's prepared plans use the partial open-task indexes.
        query = filter.State is null or TaskState.Open ? query.Where(t => t.State == TaskState.Open) : query.Where(t => t.State == filter.State);
        query = TaskScope.Visible(query, actor);
        if (filter.InstanceId is { } id) query = query.Where(t => t.InstanceId == id);
        if (filter.Assignee is { } assignee) query = query.Where(t => t.Assignee == assignee);
        if (filter.CandidateGroup is { } group) query = query.Where(t => t.Candidates.Any(c => c.Kind == CandidateKind.Group && c.Name == group));
        if (filter.Unit is { } unit) query = query.Where(t => t.UnitCode == unit);
        var now = clock.GetUtcNow();
        switch (filter.View)
        {
            case "mine":
                var me = actor.UserName;
                query = query.Where(t => t.Assignee == me);
                break;
            case "queue":
                query = query.Where(t => t.Assignee == null);
                break;
            case "dueSoon":
                var soon = data.Calendar.AddWorkingDays(now, 1).DueAt;
                query = query.Where(t => t.DueAt != null && t.DueAt >= now && t.DueAt <= soon);
                break;
            case "overdue":
                query = query.Where(t => t.DueAt != null && t.DueAt < now);
                break;
        }
        var folded = VietnameseText.Fold(filter.Q);
        if (folded.Length > 0) query = query.Where(t => db.Dossiers.Any(d => d.Id == t.DossierId && d.SearchText.Contains(folded)));
        return query;
    }

    public async Task<TaskDetail> GetAsync(Guid taskId, Actor actor, CancellationToken ct)
    {
        var row = await db.Tasks.AsNoTracking().Include(t => t.Candidates).Where(TaskScope.VisibleOrAdmin(actor)).Where(t => t.Id == taskId)
            .Select(t => new
            {
                Task = t,
                Instance = db.Instances.Where(i => i.Id == t.InstanceId).Select(i => new { i.BusinessKey, i.DefinitionKey, i.DefinitionVersion }).First(),
                Dossier = db.Dossiers.Where(d => d.Id == t.DossierId).Select(d => new { d.Code, d.ApplicantName, d.ProcedureName }).FirstOrDefault(),
            }).SingleOrDefaultAsync(ct) ?? throw NotFound(taskId);
        var view = View(row.Task, row.Instance.BusinessKey, row.Instance.DefinitionKey, actor) with
        {
            DossierCode = row.Dossier?.Code, ApplicantName = row.Dossier?.ApplicantName, ProcedureName = row.Dossier?.ProcedureName,
            AssigneeDisplayName = (await people.ForAsync([row.Task.Assignee], ct)).Of(row.Task.Assignee),
        };
        var definition = catalog.Get(row.Instance.DefinitionKey, row.Instance.DefinitionVersion);
        TaskFormView? form = null;
        // A shipped schema named by camunda:formKey wins over one embedded by the designer, which wins over declared fields.
        if ((data.FormSchema(row.Task.FormKey) ?? forms.EmbeddedSchema(definition, row.Task.ElementId)) is { } schema) form = new TaskFormView("formJs", JsonNode.Parse(schema), null);
        else if (forms.For(definition, row.Task.ElementId) is { DeclaresFields: true } declared) form = new TaskFormView("fields", null, declared.Fields);
        return new TaskDetail(view, form);
    }

    public async Task<TaskView> ClaimAsync(Guid taskId, Actor actor, CancellationToken ct)
    {
        var task = await LoadWorkableAsync(taskId, actor, ct);
        if (task.State != TaskState.Open) throw AlreadyDone(taskId, task.State);
        if (task.Assignee == actor.UserName) return await ViewAsync(task, actor, ct);
        // Conditional update: two people claiming at once cannot both win.
        var updated = await db.Tasks.Where(t => t.Id == taskId && t.State == TaskState.Open && t.Assignee == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Assignee, actor.UserName), ct);
        if (updated == 0) throw new ConflictException(task.Assignee is { } holder ? L["Task {0} is already claimed by {1}.", taskId, holder] : L["Task {0} is already claimed by someone else.", taskId]);
        task.Assignee = actor.UserName;
        return await ViewAsync(task, actor, ct);
    }

    public async Task<TaskView> UnclaimAsync(Guid taskId, Actor actor, CancellationToken ct)
    {
        var task = await LoadWorkableAsync(taskId, actor, ct);
        if (task.State != TaskState.Open) throw AlreadyDone(taskId, task.State);
        if (task.Assignee is not null && task.Assignee != actor.UserName && !actor.IsAdmin)
            throw new ForbiddenException(L["Task {0} is claimed by {1}; only they or an admin can release it.", taskId, task.Assignee!]);
        await db.Tasks.Where(t => t.Id == taskId).ExecuteUpdateAsync(s => s.SetProperty(t => t.Assignee, (string?)null), ct);
        task.Assignee = null;
        return await ViewAsync(task, actor, ct);
    }

    /// <summary>
    /// Reads the task, its candidates and its instance row in one query, checks the variables against the task's declared
    /// form, then runs the completion through the engine; the answer carries the tasks it opened that the caller may work
    /// on, so an inbox can go straight to the next step.
    /// </summary>
    public async Task<TaskCompletion> CompleteAsync(Guid taskId, Actor actor, CompleteTaskRequest request, CancellationToken ct)
    {
        var row = await db.TaskWithInstanceAsync(taskId, ct);
        if (row is null || !TaskScope.MaySee(row.Task, actor)) throw NotFound(taskId);
        var task = row.Task;
        if (!TaskScope.MayWork(task, actor)) throw new ForbiddenException(L["You may read task {0} but not work it: it is for {1}.", taskId, string.Join(", ", task.Candidates.Select(c => c.Name))]);
        if (task.State != TaskState.Open) throw AlreadyDone(taskId, task.State);
        if (task.Assignee is not null && task.Assignee != actor.UserName && !actor.IsAdmin)
            throw new ForbiddenException(L["Task {0} is claimed by {1}.", taskId, task.Assignee!]);
        if (task.DossierId is { } dossierId
            && await db.Dossiers.AnyAsync(d => d.Id == dossierId && d.Status == DossierStatus.AwaitingSupplement, ct))
            throw new ConflictException(L["The dossier of task {0} is awaiting a supplement from the applicant; the step goes on when the supplement is received.", taskId]);
        var definition = catalog.Get(row.Instance.DefinitionKey, row.Instance.DefinitionVersion);
        if (forms.For(definition, task.ElementId) is { } form)
        {
            var errors = FormValidator.Validate(form, request.Variables);
            if (errors.Count > 0)
                throw new InvalidInputException(L["The form of task '{0}' is not filled in correctly; see errors.", task.Name ?? task.ElementId],
                    errors.Select(e => new FieldError(task.ElementId, task.ElementType, e.Message, e.Field)).ToList());
        }
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
            throw new ConflictException(L["Task {0} was completed or cancelled by someone else at the same moment; reload the inbox.", taskId]);
        }
    }

    /// <summary>Views of freshly opened tasks, limited to those the actor may work on.</summary>
    public static IReadOnlyList<TaskView> VisibleViews(IEnumerable<TaskEntity> tasks, InstanceEntity instance, Actor actor) =>
        tasks.Where(t => TaskScope.MayWork(t, actor)).Select(t => View(t, instance.BusinessKey, instance.DefinitionKey, actor)).ToList();

    /// <summary>A task the actor may work on (404 when out of scope, 403 when only readable).</summary>
    internal async Task<TaskEntity> LoadWorkableAsync(Guid taskId, Actor actor, CancellationToken ct, bool tracked = false)
    {
        var query = db.Tasks.Include(t => t.Candidates).Where(t => t.Id == taskId);
        var task = await (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync(ct);
        if (task is null || !TaskScope.MaySee(task, actor)) throw NotFound(taskId);
        if (!TaskScope.MayWork(task, actor)) throw new ForbiddenException(L["You may read task {0} but not work it.", taskId]);
        return task;
    }

    private async Task<TaskView> ViewAsync(TaskEntity task, Actor actor, CancellationToken ct)
    {
        var instance = await db.Instances.AsNoTracking().Where(i => i.Id == task.InstanceId).Select(i => new { i.BusinessKey, i.DefinitionKey }).SingleAsync(ct);
        return View(task, instance.BusinessKey, instance.DefinitionKey, actor);
    }

    private static TaskView View(TaskEntity t, string? businessKey, string definitionKey, Actor actor) =>
        new(t.Id, t.InstanceId, t.ElementId, t.Name, t.Candidates.Where(c => c.Kind == CandidateKind.Group).Select(c => c.Name).ToList(),
            t.Candidates.Where(c => c.Kind == CandidateKind.User).Select(c => c.Name).ToList(), t.Assignee, t.DueAt, t.State, t.FormKey, t.CreatedAt, businessKey, definitionKey,
            UnitCode: t.UnitCode, ReadOnly: !TaskScope.MayWork(t, actor));

    private NotFoundException NotFound(Guid taskId) => new(L["Task {0} does not exist.", taskId]);

    /// <summary>409 for a step that is no longer open, saying what became of it.</summary>
    internal ConflictException AlreadyDone(Guid taskId, string state) => new(state switch
    {
        TaskState.Completed => L["Task {0} is already completed.", taskId],
        TaskState.Cancelled => L["Task {0} is already cancelled.", taskId],
        _ => L["Task {0} is already {1}.", taskId, state],
    });

    private static InvalidInputException Invalid(string field, string message) => new(message, [new FieldError(null, null, message, field)]);
}

/// <summary>What GET /api/tasks filters on.</summary>
public sealed record TaskFilter
{
    public string View { get; init; } = "all";
    public string? State { get; init; }
    public Guid? InstanceId { get; init; }
    public string? Assignee { get; init; }
    public string? CandidateGroup { get; init; }
    public string? Unit { get; init; }
    public string? Q { get; init; }
    /// <summary>due (default) or created.</summary>
    public string? Sort { get; init; }
    public int Limit { get; init; } = 100;
    public int Offset { get; init; }
}
