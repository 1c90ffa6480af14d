using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Apis;

/// <summary>The inbox: list the tasks the caller may work on, claim, release and complete them.</summary>
public static class TasksApi
{
    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization(Policies.Staff);
        group.MapGet("/", ListAsync).WithName("ListTasks").WithSummary("Tasks visible to the caller (admins see all); state defaults to open.");
        group.MapPost("/{id:guid}/claim", ClaimAsync).WithName("ClaimTask");
        group.MapPost("/{id:guid}/unclaim", UnclaimAsync).WithName("UnclaimTask");
        group.MapPost("/{id:guid}/complete", CompleteAsync).WithName("CompleteTask")
            .WithSummary("Complete a task; the answer lists the tasks this opened that the caller may work on next.");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<TaskView>>> ListAsync(Guid? instanceId, string? assignee, string? candidateGroup, string? state, int? limit, int? offset,
        ClaimsPrincipal user, TaskService tasks, CancellationToken ct)
    {
        if (state is not null && state is not ("open" or "completed" or "cancelled"))
            throw new InvalidInputException($"state '{state}' is not one of open, completed, cancelled.", [new FieldError(null, null, "Use open, completed or cancelled.", "state")]);
        var page = RequestLimits.Page(limit, offset);
        return TypedResults.Ok(await tasks.ListAsync(user.ToActor(), instanceId, assignee, candidateGroup, state, page.Limit, page.Offset, ct));
    }

    private static async Task<Ok<TaskView>> ClaimAsync(Guid id, ClaimsPrincipal user, TaskService tasks, CancellationToken ct) =>
        TypedResults.Ok(await tasks.ClaimAsync(id, user.ToActor(), ct));

    private static async Task<Ok<TaskView>> UnclaimAsync(Guid id, ClaimsPrincipal user, TaskService tasks, CancellationToken ct) =>
        TypedResults.Ok(await tasks.UnclaimAsync(id, user.ToActor(), ct));

    private static async Task<Ok<TaskCompletion>> CompleteAsync(Guid id, CompleteTaskRequest? request, ClaimsPrincipal user, TaskService tasks, CancellationToken ct)
    {
        RequestLimits.Variables(request?.Variables);
        return TypedResults.Ok(await tasks.CompleteAsync(id, user.ToActor(), request ?? new CompleteTaskRequest(null), ct));
    }
}
