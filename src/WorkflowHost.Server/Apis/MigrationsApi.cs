using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Jobs;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Apis;

/// <summary>Moving running instances to another version of their procedure: the dry run, the execution and its progress.</summary>
public static class MigrationsApi
{
    public static IEndpointRouteBuilder MapMigrationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/migrations").WithTags("Migrations").RequireAuthorization(Policies.ProcessOwner).ProducesRoleProblems();
        group.MapPost("/plan", Plan).WithName("PlanMigration")
            .WithSummary("Dry run: per instance where each token and open task would go, and which instances cannot move and why. Changes nothing.");
        group.MapPost("/", Start).WithName("StartMigration")
            .WithSummary("Migrate in batches in the background (admins and the procedure's owners); 202 with the migration's id.");
        group.MapGet("/", List).WithName("ListMigrations").WithSummary("Migrations of the procedures the caller owns (admins: all), newest first.");
        group.MapGet("/{id:guid}", Get).WithName("GetMigration").WithSummary("Progress and each instance's outcome (?outcome=, limit, offset).");
        return app;
    }

    // The wrappers declare the problem answers (OpenAPI) and turn the services' refusals into them.
    private static Task<Results<Ok<MigrationPlanView>, NotFoundProblem, ForbiddenProblem, InvalidInputProblem>> Plan(MigrationRequest request, ClaimsPrincipal user,
        MigrationPlanner planner, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<MigrationPlanView>, NotFoundProblem, ForbiddenProblem, InvalidInputProblem>>(http, async () => await PlanAsync(request, user, planner, ct),
            [403, 404, 422], p => p.Status switch { 403 => new ForbiddenProblem(p), 404 => new NotFoundProblem(p), _ => new InvalidInputProblem(p) });

    private static Task<Results<Accepted<MigrationView>, NotFoundProblem, ForbiddenProblem, ConflictProblem, InvalidInputProblem>> Start(MigrationRequest request,
        ClaimsPrincipal user, MigrationService migrations, MigrationJobs jobs, Data.WorkflowDbContext db, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Accepted<MigrationView>, NotFoundProblem, ForbiddenProblem, ConflictProblem, InvalidInputProblem>>(http,
            async () => await StartAsync(request, user, migrations, jobs, db, ct), [403, 404, 409, 422],
            p => p.Status switch { 403 => new ForbiddenProblem(p), 404 => new NotFoundProblem(p), 409 => new ConflictProblem(p), _ => new InvalidInputProblem(p) });

    private static Task<Results<Ok<IReadOnlyList<MigrationSummary>>, InvalidInputProblem>> List(string? definitionKey, int? limit, int? offset, ClaimsPrincipal user,
        MigrationService migrations, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<IReadOnlyList<MigrationSummary>>, InvalidInputProblem>>(http,
            async () => await ListAsync(definitionKey, limit, offset, user, migrations, ct), [422], p => new InvalidInputProblem(p));

    private static Task<Results<Ok<MigrationView>, NotFoundProblem, InvalidInputProblem>> Get(Guid id, string? outcome, int? limit, int? offset, ClaimsPrincipal user,
        MigrationService migrations, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<MigrationView>, NotFoundProblem, InvalidInputProblem>>(http,
            async () => await GetAsync(id, outcome, limit, offset, user, migrations, ct), [404, 422], p => p.Status == 404 ? new NotFoundProblem(p) : new InvalidInputProblem(p));

    private static async Task<Ok<MigrationPlanView>> PlanAsync(MigrationRequest request, ClaimsPrincipal user, MigrationPlanner planner, CancellationToken ct) =>
        TypedResults.Ok(await planner.PlanAsync(request, user.ToActor(), ct));

    private static async Task<Accepted<MigrationView>> StartAsync(MigrationRequest request, ClaimsPrincipal user, MigrationService migrations,
        MigrationJobs jobs, Data.WorkflowDbContext db, CancellationToken ct)
    {
        var actor = user.ToActor();
        var row = await migrations.SubmitAsync(request, actor, ct);
        if (row.Status == Data.Entities.MigrationStatus.Running) await jobs.StartAsync(db, row.Id, ct);
        return TypedResults.Accepted($"/api/migrations/{row.Id}", await migrations.GetAsync(row.Id, actor, null, 100, 0, ct));
    }

    private static async Task<Ok<IReadOnlyList<MigrationSummary>>> ListAsync(string? definitionKey, int? limit, int? offset, ClaimsPrincipal user,
        MigrationService migrations, CancellationToken ct)
    {
        var page = RequestLimits.Page(limit, offset);
        return TypedResults.Ok(await migrations.ListAsync(user.ToActor(), definitionKey, page.Limit, page.Offset, ct));
    }

    private static async Task<Ok<MigrationView>> GetAsync(Guid id, string? outcome, int? limit, int? offset, ClaimsPrincipal user, MigrationService migrations, CancellationToken ct)
    {
        var page = RequestLimits.Page(limit, offset);
        return TypedResults.Ok(await migrations.GetAsync(id, user.ToActor(), outcome, page.Limit, page.Offset, ct));
    }
}
