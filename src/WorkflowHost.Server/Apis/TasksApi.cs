using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Apis;

/// <summary>The inbox: list the tasks the caller may see, claim, release, complete, transfer them, and return a dossier for a supplement.</summary>
public static class TasksApi
{
    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization(Policies.Staff);
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

    private static async Task<Ok<IReadOnlyList<TaskView>>> ListAsync(Guid? instanceId, string? assignee, string? candidateGroup, string? state, string? view,
        string? q, string? unit, string? sort, int? limit, int? offset, ClaimsPrincipal user, TaskService tasks, CancellationToken ct) =>
        TypedResults.Ok(await tasks.ListAsync(user.ToActor(), new TaskFilter
        {
            View = view ?? "all", State = state, InstanceId = instanceId, Assignee = assignee, CandidateGroup = candidateGroup, Unit = unit, Q = q,
            Sort = sort, Limit = limit ?? 100, Offset = offset ?? 0,
        }, ct));

    private static async Task<Ok<TaskCounts>> CountsAsync(ClaimsPrincipal user, TaskService tasks, CancellationToken ct) =>
        TypedResults.Ok(await tasks.CountAsync(user.ToActor(), ct));

    private static async Task<Ok<TaskDetail>> GetAsync(Guid id, ClaimsPrincipal user, TaskService tasks, CancellationToken ct) =>
        TypedResults.Ok(await tasks.GetAsync(id, user.ToActor(), ct));

    private static async Task<Ok<TaskView>> ClaimAsync(Guid id, ClaimsPrincipal user, TaskService tasks, CancellationToken ct) =>
        TypedResults.Ok(await tasks.ClaimAsync(id, user.ToActor(), ct));

    private static async Task<Ok<TaskView>> UnclaimAsync(Guid id, ClaimsPrincipal user, TaskService tasks, CancellationToken ct) =>
        TypedResults.Ok(await tasks.UnclaimAsync(id, user.ToActor(), ct));

    private static async Task<Ok<TaskCompletion>> CompleteAsync(Guid id, CompleteTaskRequest? request, ClaimsPrincipal user, TaskService tasks, CancellationToken ct)
    {
        RequestLimits.Variables(request?.Variables);
        return TypedResults.Ok(await tasks.CompleteAsync(id, user.ToActor(), request ?? new CompleteTaskRequest(null), ct));
    }

    private static async Task<Ok<TaskView>> TransferAsync(Guid id, TransferRequest request, ClaimsPrincipal user, TaskHandover handover, CancellationToken ct) =>
        TypedResults.Ok(await handover.TransferAsync(id, request, user.ToActor(), ct));

    private static async Task<Ok<DossierView>> ReturnForSupplementAsync(Guid id, SupplementRequest request, ClaimsPrincipal user, TaskHandover handover,
        DossierQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await handover.ReturnForSupplementAsync(id, request, user.ToActor(), queries, ct));
}
