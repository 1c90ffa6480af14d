using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Apis;

/// <summary>Process instances: start, read, list, cancel. Reads are scoped to what the caller has a reason to see.</summary>
public static class InstancesApi
{
    public static IEndpointRouteBuilder MapInstancesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/instances").WithTags("Instances").RequireAuthorization(Policies.Staff).ProducesRoleProblems();
        group.MapPost("/", StartAsync).WithName("StartInstance").WithSummary("Start an instance of the published version.");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetInstance")
            .WithSummary("An instance the caller started, has a task on, or owns the procedure of (managers and admins: any).");
        group.MapGet("/", ListAsync).WithName("ListInstances").WithSummary("The instances the caller may read, newest first.");
        group.MapPost("/{id:guid}/cancel", CancelAsync).WithName("CancelInstance").WithSummary("Cancel an instance (admins and the procedure's owners).");
        return app;
    }

    private static Task<Results<Created<InstanceStarted>, NotFoundProblem, InvalidInputProblem>> StartAsync(StartInstanceRequest request,
        ClaimsPrincipal user, DefinitionService definitions, DefinitionCatalog catalog, InstanceCommandService commands, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Created<InstanceStarted>, NotFoundProblem, InvalidInputProblem>>(http, async () =>
        {
            if (string.IsNullOrWhiteSpace(request.DefinitionKey))
                throw new InvalidInputException("definitionKey is required.", [new FieldError(null, null, "Name the procedure to start.", "definitionKey")]);
            RequestLimits.BusinessKey(request.BusinessKey);
            RequestLimits.Variables(request.Variables);
            var row = await definitions.ForStartAsync(request.DefinitionKey, request.Version, ct);
            var (instance, result, opened) = await commands.StartAsync(catalog.Compile(row), request.BusinessKey, request.Variables, user.Identity?.Name, null, ct);
            return TypedResults.Created($"/api/instances/{instance.Id}", new InstanceStarted(instance.Id, instance.Status, InstanceQueries.ActiveElements(result.State),
                TaskService.VisibleViews(opened, instance, user.ToActor())));
        }, [404, 422], p => p.Status switch { 404 => new NotFoundProblem(p), _ => new InvalidInputProblem(p) });

    private static Task<Results<Ok<InstanceView>, NotFoundProblem>> GetAsync(Guid id, ClaimsPrincipal user, InstanceQueries queries, HttpContext http,
        CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<InstanceView>, NotFoundProblem>>(http, async () => TypedResults.Ok(await queries.GetAsync(id, user.ToActor(), ct)),
            [404], p => new NotFoundProblem(p));

    private static Task<Results<Ok<IReadOnlyList<InstanceSummary>>, InvalidInputProblem>> ListAsync(string? status, string? definitionKey,
        string? businessKey, int? limit, int? offset, ClaimsPrincipal user, InstanceQueries queries, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<IReadOnlyList<InstanceSummary>>, InvalidInputProblem>>(http, async () =>
        {
            var page = RequestLimits.Page(limit, offset);
            return TypedResults.Ok(await queries.ListAsync(user.ToActor(), status, definitionKey, businessKey, page.Limit, page.Offset, ct));
        }, [422], p => new InvalidInputProblem(p));

    private static Task<Results<Ok<InstanceStarted>, NotFoundProblem, ForbiddenProblem, ConflictProblem>> CancelAsync(Guid id, CancelRequest? request,
        ClaimsPrincipal user, InstanceQueries queries, InstanceCommandService commands, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<InstanceStarted>, NotFoundProblem, ForbiddenProblem, ConflictProblem>>(http, async () =>
        {
            await queries.EnsureMayCancelAsync(id, user.ToActor(), ct);
            var (instance, result, _) = await commands.ExecuteAsync(id, _ => new CancelInstance(request?.Reason), user.Identity?.Name, null, ct);
            return TypedResults.Ok(new InstanceStarted(instance.Id, instance.Status, InstanceQueries.ActiveElements(result.State), []));
        }, [404, 403, 409], p => p.Status switch { 404 => new NotFoundProblem(p), 403 => new ForbiddenProblem(p), _ => new ConflictProblem(p) });
}
