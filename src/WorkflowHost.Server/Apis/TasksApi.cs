using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Apis;

/// <summary>The inbox: list the tasks the caller may see, claim, release, complete, transfer them, and return a dossier for a supplement.</summary>
public static class TasksApi
{
    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization(Policies.Staff).ProducesRoleProblems();
        group.MapGet("/", ListAsync).WithName("ListTasks")
            .WithSummary("Tasks in the caller's scope (their units and roles; admins see all); view = all, mine, queue, dueSoon or overdue; q searches dossier code and applicant.");
        group.MapGet("/counts", CountsAsync).WithName("CountTasks").WithSummary("How many tasks each inbox view holds for the caller.");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetTask").WithSummary("A task with the form to fill in (form-js schema or declared fields).");
        group.MapPost("/{id:guid}/claim", ClaimAsync).WithName("ClaimTask");
        group.MapPost("/{id:guid}/unclaim", UnclaimAsync).WithName("UnclaimTask");
        group.MapPost("/{id:guid}/complete", CompleteAsync).WithName("CompleteTask")
            .WithSummary("Complete a task; the answer lists the tasks this opened that the caller may work on next.");
        group.MapPost("/{id:guid}/transfer", TransferAsync).WithName("TransferTask")
            .WithSummary("Move a dossier's step to another unit's queue or person, with a reason (written on the control slip).");
        group.MapPost("/{id:guid}/return-for-supplement", ReturnForSupplementAsync).WithName("ReturnForSupplement")
            .WithSummary("Ask the applicant, once and in full, for what is missing: status 5, the clock pauses until the supplement.");
        return app;
    }

    private static Task<Results<Ok<IReadOnlyList<TaskView>>, InvalidInputProblem>> ListAsync(Guid? instanceId, string? assignee, string? candidateGroup, string? state,
        string? view, string? q, string? unit, string? sort, int? limit, int? offset, ClaimsPrincipal user, TaskService tasks, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<IReadOnlyList<TaskView>>, InvalidInputProblem>>(http, async () => TypedResults.Ok(await tasks.ListAsync(user.ToActor(), new TaskFilter
        {
            View = view ?? "all", State = state, InstanceId = instanceId, Assignee = assignee, CandidateGroup = candidateGroup, Unit = unit, Q = q,
            Sort = sort, Limit = limit ?? 100, Offset = offset ?? 0,
        }, ct)), [422], p => new InvalidInputProblem(p));

    private static async Task<Ok<TaskCounts>> CountsAsync(ClaimsPrincipal user, TaskService tasks, CancellationToken ct) =>
        TypedResults.Ok(await tasks.CountAsync(user.ToActor(), ct));

    private static Task<Results<Ok<TaskDetail>, NotFoundProblem>> GetAsync(Guid id, ClaimsPrincipal user, TaskService tasks, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<TaskDetail>, NotFoundProblem>>(http, async () => TypedResults.Ok(await tasks.GetAsync(id, user.ToActor(), ct)),
            [404], p => new NotFoundProblem(p));

    private static Task<Results<Ok<TaskView>, NotFoundProblem, ForbiddenProblem, ConflictProblem>> ClaimAsync(Guid id, ClaimsPrincipal user, TaskService tasks, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<TaskView>, NotFoundProblem, ForbiddenProblem, ConflictProblem>>(http, async () => TypedResults.Ok(await tasks.ClaimAsync(id, user.ToActor(), ct)),
            [404, 403, 409], TaskProblem<Ok<TaskView>>);

    private static Task<Results<Ok<TaskView>, NotFoundProblem, ForbiddenProblem, ConflictProblem>> UnclaimAsync(Guid id, ClaimsPrincipal user, TaskService tasks, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<TaskView>, NotFoundProblem, ForbiddenProblem, ConflictProblem>>(http, async () => TypedResults.Ok(await tasks.UnclaimAsync(id, user.ToActor(), ct)),
            [404, 403, 409], TaskProblem<Ok<TaskView>>);

    private static Task<Results<Ok<TaskCompletion>, NotFoundProblem, ForbiddenProblem, ConflictProblem, InvalidInputProblem>> CompleteAsync(Guid id, CompleteTaskRequest? request, ClaimsPrincipal user,
        TaskService tasks, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<TaskCompletion>, NotFoundProblem, ForbiddenProblem, ConflictProblem, InvalidInputProblem>>(http, async () =>
        {
            RequestLimits.Variables(request?.Variables);
            return TypedResults.Ok(await tasks.CompleteAsync(id, user.ToActor(), request ?? new CompleteTaskRequest(null), ct));
        }, [404, 403, 409, 422], TaskWriteProblem<Ok<TaskCompletion>>);

    private static Task<Results<Ok<TaskView>, NotFoundProblem, ForbiddenProblem, ConflictProblem, InvalidInputProblem>> TransferAsync(Guid id, TransferRequest request, ClaimsPrincipal user, TaskHandover handover,
        HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<TaskView>, NotFoundProblem, ForbiddenProblem, ConflictProblem, InvalidInputProblem>>(http, async () => TypedResults.Ok(await handover.TransferAsync(id, request, user.ToActor(), ct)),
            [404, 403, 409, 422], TaskWriteProblem<Ok<TaskView>>);

    private static Task<Results<Ok<DossierView>, NotFoundProblem, ForbiddenProblem, ConflictProblem, InvalidInputProblem>> ReturnForSupplementAsync(Guid id, SupplementRequest request, ClaimsPrincipal user,
        TaskHandover handover, DossierQueries queries, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<DossierView>, NotFoundProblem, ForbiddenProblem, ConflictProblem, InvalidInputProblem>>(http, async () =>
            TypedResults.Ok(await handover.ReturnForSupplementAsync(id, request, user.ToActor(), queries, ct)), [404, 403, 409, 422], TaskWriteProblem<Ok<DossierView>>);

    /// <summary>A task outside the caller's scope (404), not theirs to work (403), or taken or ended meanwhile (409).</summary>
    private static Results<TOk, NotFoundProblem, ForbiddenProblem, ConflictProblem> TaskProblem<TOk>(ProblemDetails p) where TOk : IResult =>
        p.Status switch { 404 => new NotFoundProblem(p), 403 => new ForbiddenProblem(p), _ => new ConflictProblem(p) };

    /// <summary>As <see cref="TaskProblem{TOk}"/>, and input the step does not accept (422).</summary>
    private static Results<TOk, NotFoundProblem, ForbiddenProblem, ConflictProblem, InvalidInputProblem> TaskWriteProblem<TOk>(ProblemDetails p) where TOk : IResult =>
        p.Status switch { 404 => new NotFoundProblem(p), 403 => new ForbiddenProblem(p), 409 => new ConflictProblem(p), _ => new InvalidInputProblem(p) };
}
