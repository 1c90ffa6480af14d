using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WorkflowHost.Procedures.Catalogue;
using WorkflowHost.Procedures.Units;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Apis;

/// <summary>The administrative units and the procedure catalogue, as of a day.</summary>
public static class ReferenceDataApi
{
    public sealed record UnitView(string Code, string Name, string Kind, string? ParentCode, DateOnly ValidFrom, DateOnly? ValidTo, string? AgencyCode);

    public sealed record TimeLimitView(string Kind, decimal Value, string? Cutoff, string? Note);

    public sealed record FeeView(string Name, decimal Amount, string Moment);

    public sealed record RequiredDocumentView(string Code, string Name, int Copies, bool Required);

    public sealed record ProcedureView(string Code, int Version, string Name, string? NameEn, string Field, string CompetentLevel, TimeLimitView TimeLimit,
        IReadOnlyList<FeeView> Fees, IReadOnlyList<RequiredDocumentView> RequiredDocuments, bool BoundaryIndependent, string ProcessKey,
        DateOnly ValidFrom, DateOnly? ValidTo, bool CodeIllustrative);

    public static IEndpointRouteBuilder MapReferenceDataApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/units", Units).WithTags("Units").RequireAuthorization().ProducesSignInProblem().WithName("ListUnits")
            .WithSummary("Administrative units valid on asOf (YYYY-MM-DD, default today): codes are reused across the 2025 reform.");
        app.MapGet("/api/procedures", ProceduresInForce).WithTags("Procedures").RequireAuthorization().ProducesSignInProblem().WithName("ListProcedures")
            .WithSummary("Procedure versions in force on asOf (default today); q searches code and name, with or without diacritics.");
        return app;
    }

    private static Results<Ok<List<UnitView>>, InvalidInputProblem> Units(string? asOf, OneStopData data, TimeProvider clock, HttpContext http) =>
        Answers.Run<Results<Ok<List<UnitView>>, InvalidInputProblem>>(http, () => TypedResults.Ok(data.Units.AsOf(Day(asOf, data, clock))
            .Select(u => new UnitView(u.Code, u.Name, Word(u.Kind), u.ParentCode, u.ValidFrom, u.ValidTo, u.AgencyCode)).ToList()), [422], p => new InvalidInputProblem(p));

    private static Results<Ok<List<ProcedureView>>, InvalidInputProblem> ProceduresInForce(string? q, string? asOf, OneStopData data, TimeProvider clock, HttpContext http) =>
        Answers.Run<Results<Ok<List<ProcedureView>>, InvalidInputProblem>>(http, () =>
        {
            var day = Day(asOf, data, clock);
            var found = string.IsNullOrWhiteSpace(q) ? data.Procedures.InForceOn(day) : data.Procedures.Search(q, day);
            return TypedResults.Ok(found.Select(View).ToList());
        }, [422], p => new InvalidInputProblem(p));

    private static ProcedureView View(Procedure p) => new(p.Code, p.Version, p.Name, p.NameEn, p.Field, p.CompetentLevel.ToString().ToLowerInvariant(),
        new TimeLimitView(p.TimeLimit.Kind switch { TimeLimitKind.SameDay => "sameDay", TimeLimitKind.WorkingDays => "workingDays", _ => "workingHours" },
            p.TimeLimit.Value, p.TimeLimit.Cutoff?.ToString("HH:mm", CultureInfo.InvariantCulture), p.TimeLimit.Note),
        p.Fees.Select(f => new FeeView(f.Name, f.Amount, f.Moment switch { FeeMoment.AtReceipt => "atReceipt", FeeMoment.AtSupplement => "atSupplement", _ => "atReturn" })).ToList(),
        p.RequiredDocuments.Select(d => new RequiredDocumentView(d.Code, d.Name, d.Copies, d.Required)).ToList(),
        p.BoundaryIndependent, p.ProcessKey, p.ValidFrom, p.ValidTo, p.CodeIllustrative);

    private static DateOnly Day(string? asOf, OneStopData data, TimeProvider clock)
    {
        if (string.IsNullOrWhiteSpace(asOf)) return data.DayOf(clock.GetUtcNow());
        if (DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        throw new InvalidInputException($"asOf '{asOf}' is not a date; write it as YYYY-MM-DD.", [new FieldError(null, null, "Write the date as YYYY-MM-DD.", "asOf")]);
    }

    private static string Word(UnitKind kind) => kind switch
    {
        UnitKind.SpecialZone => "special-zone",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
