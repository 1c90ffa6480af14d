using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowHost.Procedures.Units;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Apis;

/// <summary>Resolving a unit as papers write it: old names lead to the unit that absorbed them.</summary>
public static class UnitsApi
{
    public sealed record ResolvedUnitView(string Code, string Name, string Kind, DateOnly ValidFrom, DateOnly? ValidTo);

    public sealed record ResolvedCandidateView(ResolvedUnitView Unit, IReadOnlyList<ResolvedUnitView> Via, string? PartNote);

    /// <summary>GET /api/units/resolve: the unit (null when ambiguous), the old units passed through, and the candidates.</summary>
    public sealed record UnitResolutionView(ResolvedUnitView? Unit, IReadOnlyList<ResolvedUnitView> Via, bool Ambiguous,
        IReadOnlyList<ResolvedCandidateView> Candidates, string? Problem, string? DecidedBy);

    public static IEndpointRouteBuilder MapUnitsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/units/resolve", Resolve).WithTags("Units").RequireAuthorization().ProducesSignInProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).WithName("ResolveUnit")
            .WithSummary("The unit a paper names (code, or name with or without diacritics and kind word) as of asOf (default today); " +
                         "an old unit leads to the one that absorbed it; a split unit without address or parcel answers ambiguous with the candidates.");
        return app;
    }

    private static Ok<UnitResolutionView> Resolve(string? name, string? asOf, string? address, string? parcel, UnitResolver resolver, OneStopData data, TimeProvider clock)
    {
        if (string.IsNullOrWhiteSpace(name)) throw Invalid("name", "Give the unit's code or name, e.g. name=phường Thạch Thang.");
        var day = data.DayOf(clock.GetUtcNow());
        if (!string.IsNullOrWhiteSpace(asOf) && !DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            throw Invalid("asOf", $"asOf '{asOf}' is not a date; write it as YYYY-MM-DD.");
        var found = resolver.Resolve(name, day, address, parcel);
        if (found.Unit is null && !found.Ambiguous) throw new NotFoundException(found.Problem ?? $"No unit is named '{name}'.");
        return TypedResults.Ok(new UnitResolutionView(found.Unit is { } u ? View(u) : null, found.Via.Select(View).ToList(), found.Ambiguous,
            found.Candidates.Select(c => new ResolvedCandidateView(View(c.Unit), c.Via.Select(View).ToList(), c.PartNote)).ToList(), found.Problem, found.Decided));
    }

    private static ResolvedUnitView View(AdministrativeUnit u) =>
        new(u.Code, u.Name, u.Kind == UnitKind.SpecialZone ? "special-zone" : u.Kind.ToString().ToLowerInvariant(), u.ValidFrom, u.ValidTo);

    private static InvalidInputException Invalid(string field, string message) => new(message, [new FieldError(null, null, message, field)]);
}
