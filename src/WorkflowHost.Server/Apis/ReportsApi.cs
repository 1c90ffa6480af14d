using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Services;
using WorkflowHost.Server.Services.Reports;

namespace WorkflowHost.Server.Apis;

/// <summary>The SLA dashboard's data: the report per unit and procedure (JSON, XLSX, CSV), deadline lists, trend, bottlenecks.</summary>
public static class ReportsApi
{
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(Policies.Reports).ProducesRoleProblems();
        group.MapGet("/sla", Sla).WithName("SlaReport")
            .WithSummary("Per competent unit and procedure over from..to (local days, inclusive): received, in progress, paused, early, on time, late, on-time rate, carried over; format=json|xlsx|csv.");
        group.MapGet("/sla/trend", Trend).WithName("SlaTrend").WithSummary("Received, finished and on-time rate per day or week (bucket=day|week) of the period.");
        group.MapGet("/deadlines", Deadlines).WithName("DeadlineLists").WithSummary("Open steps of the caller's units overdue now and due within one working day.");
        group.MapGet("/bottlenecks", BottleneckView).WithName("Bottlenecks")
            .WithSummary("Per task element of a procedure's definition version: open steps, median time spent so far (hours), number overdue.");
        return app;
    }

    // The wrappers declare the problem answers (OpenAPI) and turn the services' refusals into them.
    private static Task<Results<Ok<SlaReport>, FileContentHttpResult, InvalidInputProblem>> Sla(string? from, string? to, string? unit, string? procedure,
        string? format, ClaimsPrincipal user, SlaReports reports, OneStopData data, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<SlaReport>, FileContentHttpResult, InvalidInputProblem>>(http, async () => await SlaAsync(from, to, unit, procedure, format, user,
            reports, data, clock, ct) switch
        {
            { Result: Ok<SlaReport> ok } => ok,
            { Result: FileContentHttpResult file } => file,
            var other => throw new InvalidOperationException($"Unexpected answer {other.Result}"),
        }, [422], p => new InvalidInputProblem(p));

    private static Task<Results<Ok<SlaTrend>, InvalidInputProblem>> Trend(string? from, string? to, string? unit, string? procedure, string? bucket,
        ClaimsPrincipal user, SlaReports reports, OneStopData data, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<SlaTrend>, InvalidInputProblem>>(http, async () => await TrendAsync(from, to, unit, procedure, bucket, user, reports, data, clock, ct),
            [422], p => new InvalidInputProblem(p));

    private static Task<Results<Ok<DeadlineLists>, InvalidInputProblem>> Deadlines(string? unit, string? procedure, ClaimsPrincipal user, DeadlineWatch watch,
        HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<DeadlineLists>, InvalidInputProblem>>(http, async () => await DeadlinesAsync(unit, procedure, user, watch, ct),
            [422], p => new InvalidInputProblem(p));

    private static Task<Results<Ok<Bottleneck>, NotFoundProblem, InvalidInputProblem>> BottleneckView(string? procedure, string? version, string? unit,
        ClaimsPrincipal user, Bottlenecks bottlenecks, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<Bottleneck>, NotFoundProblem, InvalidInputProblem>>(http,
            async () => await BottlenecksAsync(procedure, version, unit, user, bottlenecks, ct),
            [404, 422], p => p.Status == 404 ? new NotFoundProblem(p) : new InvalidInputProblem(p));

    private static async Task<Results<Ok<SlaReport>, FileContentHttpResult>> SlaAsync(string? from, string? to, string? unit, string? procedure, string? format,
        ClaimsPrincipal user, SlaReports reports, OneStopData data, TimeProvider clock, CancellationToken ct)
    {
        var kind = (format ?? "json").Trim().ToLowerInvariant();
        if (kind is not ("json" or "xlsx" or "csv"))
            throw new InvalidInputException("Unknown export format.", [SlaPeriod.Field("format", "format must be json, xlsx or csv.")]);
        var period = SlaPeriod.Parse(from, to, data.Zone, clock.GetUtcNow());
        var report = await reports.ReportAsync(period, SlaScope.For(user.ToActor(), unit, procedure), ct);
        string? UnitName(string code) => data.Unit(code, period.End.AddTicks(-1))?.Name ?? data.Units.All.LastOrDefault(u => u.Code == code)?.Name;
        return kind switch
        {
            "xlsx" => TypedResults.File(await SlaExport.XlsxAsync(report, UnitName, ct), SlaExport.XlsxType, SlaExport.FileName(report, "xlsx")),
            "csv" => TypedResults.File(SlaExport.Csv(report, UnitName), SlaExport.CsvType + "; charset=utf-8", SlaExport.FileName(report, "csv")),
            _ => TypedResults.Ok(report),
        };
    }

    private static async Task<Ok<SlaTrend>> TrendAsync(string? from, string? to, string? unit, string? procedure, string? bucket, ClaimsPrincipal user,
        SlaReports reports, OneStopData data, TimeProvider clock, CancellationToken ct)
    {
        var weekly = (bucket ?? "day").Trim().ToLowerInvariant() switch
        {
            "day" => false,
            "week" => true,
            _ => throw new InvalidInputException("Unknown trend bucket.", [SlaPeriod.Field("bucket", "bucket must be day or week.")]),
        };
        var period = SlaPeriod.Parse(from, to, data.Zone, clock.GetUtcNow());
        return TypedResults.Ok(await reports.TrendAsync(period, SlaScope.For(user.ToActor(), unit, procedure), weekly, ct));
    }

    private static async Task<Ok<DeadlineLists>> DeadlinesAsync(string? unit, string? procedure, ClaimsPrincipal user, DeadlineWatch watch, CancellationToken ct) =>
        TypedResults.Ok(await watch.ListsAsync(SlaScope.For(user.ToActor(), unit, procedure), ct));

    private static async Task<Ok<Bottleneck>> BottlenecksAsync(string? procedure, string? version, string? unit, ClaimsPrincipal user, Bottlenecks bottlenecks,
        CancellationToken ct)
    {
        int? wanted = null;
        if (!string.IsNullOrWhiteSpace(version))
            wanted = int.TryParse(version, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) && v >= 1
                ? v
                : throw new InvalidInputException("Invalid version.", [SlaPeriod.Field("version", "version must be a whole number of at least 1.")]);
        return TypedResults.Ok(await bottlenecks.ForAsync(SlaScope.For(user.ToActor(), unit, procedure), wanted, ct));
    }
}
