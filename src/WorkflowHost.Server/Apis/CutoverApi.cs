using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Apis;

/// <summary>Moving dossiers still open at a reform to the units that took over (docs/routing.md, "Cut-over").</summary>
public static class CutoverApi
{
    public static IEndpointRouteBuilder MapCutoverApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cutover").WithTags("Routing").RequireAuthorization(Policies.Admin).ProducesRoleProblems()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/plan", PlanAsync).WithName("PlanCutover")
            .WithSummary("Dry run: the open dossiers of units that ended the day before `day`, where each would move, and which cannot move and why.");
        group.MapPost("/", ExecuteAsync).WithName("ExecuteCutover")
            .WithSummary("Move them: competent (and ended return) unit and open tasks change; code, slip, appointment and due dates are kept.");
        return app;
    }

    private static async Task<Ok<CutoverPlan>> PlanAsync(CutoverRequest request, CutoverService cutover, CancellationToken ct) =>
        TypedResults.Ok(await cutover.PlanAsync(Day(request), ct));

    private static async Task<Ok<CutoverPlan>> ExecuteAsync(CutoverRequest request, ClaimsPrincipal user, CutoverService cutover, CancellationToken ct) =>
        TypedResults.Ok(await cutover.ExecuteAsync(Day(request), user.ToActor().UserName, ct));

    private static DateOnly Day(CutoverRequest request) =>
        request.Day ?? throw new InvalidInputException("Give the cut-over day (the first day of the new units), e.g. 2025-07-01.",
            [new FieldError(null, null, "Give the cut-over day.", "day")]);
}
