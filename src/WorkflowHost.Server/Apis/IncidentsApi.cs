using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Apis;

/// <summary>Incidents: where instances stopped, and the retry that resumes them.</summary>
public static class IncidentsApi
{
    public static IEndpointRouteBuilder MapIncidentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/incidents").WithTags("Incidents").RequireAuthorization(Policies.Operator).ProducesRoleProblems();
        group.MapGet("/", ListAsync).WithName("ListIncidents")
            .WithSummary("Open incidents (includeResolved=true: all) of the instances the caller may read; filters as for instances, and instanceId.");
        group.MapPost("/{id:guid}/retry", RetryAsync).WithName("RetryIncident")
            .WithSummary("Retry where the incident stopped; optional variables are set first (the value a condition or script was missing).");
        return app;
    }

    private static Task<Results<Ok<IReadOnlyList<IncidentView>>, InvalidInputProblem>> ListAsync(Guid? instanceId, bool? includeResolved, string? definitionKey,
        int? version, string? unit, string? businessKey, int? limit, int? offset, ClaimsPrincipal user, IncidentService incidents, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<IReadOnlyList<IncidentView>>, InvalidInputProblem>>(http, async () =>
        {
            var filter = InstanceFilter.Parse(definitionKey, version, null, unit, businessKey);
            var page = RequestLimits.Page(limit, offset);
            return TypedResults.Ok(await incidents.ListAsync(user.ToActor(), instanceId, includeResolved ?? false, filter, page.Limit, page.Offset, ct));
        }, [422], p => new InvalidInputProblem(p));

    private static Task<Results<Ok<InstanceStarted>, NotFoundProblem, ConflictProblem, InvalidInputProblem>> RetryAsync(Guid id, RetryIncidentRequest? request, ClaimsPrincipal user,
        IncidentService incidents, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<InstanceStarted>, NotFoundProblem, ConflictProblem, InvalidInputProblem>>(http, async () =>
        {
            RequestLimits.Variables(request?.Variables);
            return TypedResults.Ok(await incidents.RetryAsync(id, user.ToActor(), request ?? new RetryIncidentRequest(null), ct));
        }, [404, 409, 422], p => p.Status switch { 404 => new NotFoundProblem(p), 409 => new ConflictProblem(p), _ => new InvalidInputProblem(p) });
}
