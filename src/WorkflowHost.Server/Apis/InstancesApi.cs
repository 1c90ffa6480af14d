using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Apis;

/// <summary>Process instances: start, read, list, cancel.</summary>
public static class InstancesApi
{
    public static IEndpointRouteBuilder MapInstancesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/instances").WithTags("Instances").RequireAuthorization(Policies.Staff);
        group.MapPost("/", StartAsync).WithName("StartInstance").WithSummary("Start an instance of the published (or a given) version.");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetInstance");
        group.MapGet("/", ListAsync).WithName("ListInstances");
        group.MapPost("/{id:guid}/cancel", CancelAsync).WithName("CancelInstance");
        return app;
    }

    private static async Task<Created<InstanceStarted>> StartAsync(StartInstanceRequest request, ClaimsPrincipal user, WorkflowDbContext db,
        DefinitionCatalog catalog, InstanceCommandService commands, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.DefinitionKey))
            throw new InvalidInputException("definitionKey is required.", [new FieldError(null, null, "Name the procedure to start.", "definitionKey")]);
        var query = db.Definitions.AsNoTracking().Where(d => d.Key == request.DefinitionKey);
        var row = request.Version is { } version
            ? await query.SingleOrDefaultAsync(d => d.Version == version, ct)
            : await query.SingleOrDefaultAsync(d => d.Status == DefinitionStatus.Published, ct);
        if (row is null)
            throw new NotFoundException(request.Version is null
                ? $"No published version of '{request.DefinitionKey}' exists."
                : $"Definition '{request.DefinitionKey}' has no version {request.Version}.");
        var (instance, result, opened) = await commands.StartAsync(catalog.Compile(row), request.BusinessKey, request.Variables, user.Identity?.Name, null, ct);
        return TypedResults.Created($"/api/instances/{instance.Id}", new InstanceStarted(instance.Id, instance.Status, InstanceQueries.ActiveElements(result.State),
            TaskService.VisibleViews(opened, instance, user.ToActor())));
    }

    private static async Task<Ok<InstanceView>> GetAsync(Guid id, InstanceQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.GetAsync(id, ct));

    private static async Task<Ok<IReadOnlyList<InstanceSummary>>> ListAsync(string? status, string? definitionKey, string? businessKey, int? limit, int? offset,
        InstanceQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(status, definitionKey, businessKey, limit ?? 100, offset ?? 0, ct));

    private static async Task<Ok<InstanceStarted>> CancelAsync(Guid id, CancelRequest? request, ClaimsPrincipal user, InstanceCommandService commands, CancellationToken ct)
    {
        var (instance, result, _) = await commands.ExecuteAsync(id, _ => new CancelInstance(request?.Reason), user.Identity?.Name, null, ct);
        return TypedResults.Ok(new InstanceStarted(instance.Id, instance.Status, InstanceQueries.ActiveElements(result.State), []));
    }
}
