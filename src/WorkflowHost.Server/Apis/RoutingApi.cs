using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowHost.Procedures.Routing;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Apis;

/// <summary>The routing tables (read by staff, saved by process owners) and routing a dossier before it is received.</summary>
public static class RoutingApi
{
    /// <summary>A routing table version with the problems a save would report.</summary>
    public sealed record RoutingTableView(RoutingTableFile.TableDto Table, IReadOnlyList<RoutingProblemView> Problems);

    /// <summary>Body of PUT /api/routing/tables/{province}: the edited table (its version = the one the edit started from) and a change note.</summary>
    public sealed record SaveRoutingTableRequest(RoutingTableFile.TableDto? Table, string? Note);

    public static IEndpointRouteBuilder MapRoutingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/routing").WithTags("Routing");
        group.MapPost("/resolve", ResolveAsync).RequireAuthorization(Policies.Staff).ProducesRoleProblems().ProducesProblem(StatusCodes.Status422UnprocessableEntity).WithName("ResolveRouting")
            .WithSummary("Where a dossier would go: competent and return units, the routing row that decided, the explanation, or the refusal with its reason.");
        group.MapGet("/tables/{province}", CurrentAsync).RequireAuthorization(Policies.Staff).ProducesRoleProblems().ProducesProblem(StatusCodes.Status404NotFound).WithName("GetRoutingTable")
            .WithSummary("The latest saved routing table of a province, with its overlap warnings.");
        group.MapGet("/tables/{province}/versions", HistoryAsync).RequireAuthorization(Policies.Staff).ProducesRoleProblems().WithName("ListRoutingTableVersions");
        group.MapGet("/tables/{province}/versions/{version:int}", VersionAsync).RequireAuthorization(Policies.Staff).ProducesRoleProblems().ProducesProblem(StatusCodes.Status404NotFound).WithName("GetRoutingTableVersion");
        group.MapPost("/tables/{province}/check", Check).RequireAuthorization(Policies.ProcessOwner).ProducesRoleProblems().ProducesProblem(StatusCodes.Status422UnprocessableEntity).WithName("CheckRoutingTable")
            .WithSummary("What saving this table would refuse (errors) or report (overlapping rows), without saving.");
        group.MapPut("/tables/{province}", SaveAsync).RequireAuthorization(Policies.ProcessOwner).ProducesRoleProblems().ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).WithName("SaveRoutingTable")
            .WithSummary("Save an edited table as the next version; 422 names every problem, 409 when someone saved since the edit began.");
        return app;
    }

    private static async Task<Ok<RoutingResolution>> ResolveAsync(RoutingResolveRequest request, RoutingService routing, CancellationToken ct) =>
        TypedResults.Ok(await routing.ResolveAsync(request, ct));

    private static async Task<Ok<RoutingTableView>> CurrentAsync(string province, RoutingTables tables, CancellationToken ct) =>
        TypedResults.Ok(View(province, await tables.CurrentAsync(province, ct) ?? throw new NotFoundException($"No routing table is saved for province {province}."), tables));

    private static async Task<Ok<List<RoutingTableVersionView>>> HistoryAsync(string province, RoutingTables tables, CancellationToken ct) =>
        TypedResults.Ok(await tables.HistoryAsync(province, ct));

    private static async Task<Ok<RoutingTableView>> VersionAsync(string province, int version, RoutingTables tables, CancellationToken ct) =>
        TypedResults.Ok(View(province, await tables.VersionAsync(province, version, ct) ?? throw new NotFoundException($"Routing table {province} has no version {version}."), tables));

    private static Ok<IReadOnlyList<RoutingProblemView>> Check(string province, RoutingTableFile.TableDto table, RoutingTables tables) =>
        TypedResults.Ok(tables.Check(province, Parse(table)));

    private static async Task<Ok<RoutingTableSaved>> SaveAsync(string province, SaveRoutingTableRequest request, ClaimsPrincipal user, RoutingTables tables, CancellationToken ct)
    {
        if (request.Table is null) throw new InvalidInputException("Send the table to save.", [new FieldError(null, null, "Send the table to save.", "table")]);
        if (request.Table.Version is null)
            throw new InvalidInputException("Say which version the edit started from (table.version).", [new FieldError(null, null, "Say which version the edit started from.", "table.version")]);
        return TypedResults.Ok(await tables.SaveAsync(province, Parse(request.Table), user.ToActor().UserName, request.Note, ct));
    }

    private static RoutingTable Parse(RoutingTableFile.TableDto dto)
    {
        try
        {
            return RoutingTableFile.FromDto(dto);
        }
        catch (RoutingTableException e)
        {
            throw new InvalidInputException("The routing table is malformed; see errors.", e.Problems.Select(p => new FieldError(p.Rule, "routingRule", p.Message, p.Path)).ToList());
        }
    }

    private static RoutingTableView View(string province, RoutingTable table, RoutingTables tables) =>
        new(RoutingTableFile.ToDto(table), tables.Check(province, table));
}
