using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Apis;

/// <summary>Deadlines that move after receipt: the apology with a new date, and re-reading the business calendars.</summary>
public static class DeadlinesApi
{
    public static IEndpointRouteBuilder MapDeadlinesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/dossiers/{code}/extension", ExtendAsync).WithTags("Dossiers").RequireAuthorization(Policies.Staff).WithName("ExtendDossier")
            .WithSummary("Apologise for a late result and give one new appointment date, before the appointment passes (once per dossier).");
        app.MapPost("/api/calendars/{name}/reload", ReloadAsync).WithTags("Calendars").RequireAuthorization(Policies.Admin).WithName("ReloadCalendars")
            .WithSummary("Re-read the calendar files; when a calendar changed, re-plan the open deadlines computed with its old version.");
        app.MapGet("/api/calendars/replans", ReplansAsync).WithTags("Calendars").RequireAuthorization(Policies.Staff).WithName("ListCalendarReplans")
            .WithSummary("The re-plannings done after calendar changes, newest first: how many appointments and steps moved.");
        return app;
    }

    private static async Task<Results<Ok<DossierView>, NotFound<ProblemDetails>, ForbidHttpResult, Conflict<ProblemDetails>, UnprocessableEntity<HttpValidationProblemDetails>>>
        ExtendAsync(string code, ExtensionRequest request, ClaimsPrincipal user, DossierExtensions extensions, CancellationToken ct) =>
        TypedResults.Ok(await extensions.ExtendAsync(code, request, user.ToActor(), ct));

    private static async Task<Results<Ok<CalendarReplanView>, NotFound<ProblemDetails>, UnprocessableEntity<HttpValidationProblemDetails>>>
        ReloadAsync(string name, CalendarReplanner replanner, CancellationToken ct) =>
        TypedResults.Ok(await replanner.ReloadAsync(name, ct));

    private static async Task<Ok<IReadOnlyList<CalendarReplanView>>> ReplansAsync(CalendarReplanner replanner, CancellationToken ct) =>
        TypedResults.Ok(await replanner.ListAsync(ct));
}
