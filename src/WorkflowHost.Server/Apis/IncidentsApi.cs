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
        group.MapGet("/", ListAsync).WithName("ListIncidents");
        group.MapPost("/{id:guid}/retry", RetryAsync).WithName("RetryIncident")
            .WithSummary("Retry where the incident stopped; optional variables are set first (the value a condition or script was missing).");
        return app;
    }

    private static Task<Results<Ok<IReadOnlyList<IncidentView>>, InvalidInputProblem>> ListAsync(Guid? instanceId, bool? includeResolved, int? limit, ClaimsPrincipal user,
        IncidentService incidents, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<IReadOnlyList<IncidentView>>, InvalidInputProblem>>(http, async () =>
            TypedResults.Ok(await incidents.ListAsync(user.ToActor(), instanceId, includeResolved ?? false, RequestLimits.Page(limit, null).Limit, ct)),
            [422], p => new InvalidInputProblem(p));

    private static Task<Results<Ok<InstanceStarted>, NotFoundProblem, ConflictProblem, InvalidInputProblem>> RetryAsync(Guid id, RetryIncidentRequest? request, ClaimsPrincipal user,
        IncidentService incidents, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<InstanceStarted>, NotFoundProblem, ConflictProblem, InvalidInputProblem>>(http, async () =>
        {
            RequestLimits.Variables(request?.Variables);
            return TypedResults.Ok(await incidents.RetryAsync(id, user.ToActor(), request ?? new RetryIncidentRequest(null), ct));
        }, [404, 409, 422], p => p.Status switch { 404 => new NotFoundProblem(p), 409 => new ConflictProblem(p), _ => new InvalidInputProblem(p) });
}
