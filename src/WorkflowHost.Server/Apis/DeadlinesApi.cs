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
        app.MapPost("/api/dossiers/{code}/extension", ExtendAsync).WithTags("Dossiers").RequireAuthorization(Policies.Staff).ProducesRoleProblems()
            .WithName("ExtendDossier")
            .WithSummary("Apologise for a late result and give one new appointment date, before the appointment passes (once per dossier).");
        app.MapPost("/api/calendars/{name}/reload", ReloadAsync).WithTags("Calendars").RequireAuthorization(Policies.Admin).ProducesRoleProblems()
            .WithName("ReloadCalendars")
            .WithSummary("Re-read the calendar files; when a calendar changed, re-plan the open deadlines computed with its old version.");
        app.MapGet("/api/calendars/replans", ReplansAsync).WithTags("Calendars").RequireAuthorization(Policies.Staff).ProducesRoleProblems()
            .WithName("ListCalendarReplans")
            .WithSummary("The re-plannings done after calendar changes, newest first: how many appointments and steps moved.");
        return app;
    }

    private static Task<Results<Ok<DossierView>, NotFoundProblem, ForbiddenProblem, ConflictProblem, InvalidInputProblem>> ExtendAsync(string code,
        ExtensionRequest request, ClaimsPrincipal user, DossierExtensions extensions, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<DossierView>, NotFoundProblem, ForbiddenProblem, ConflictProblem, InvalidInputProblem>>(http,
            async () => TypedResults.Ok(await extensions.ExtendAsync(code, request, user.ToActor(), ct)),
            [403, 404, 409, 422], p => p.Status switch
            {
                403 => new ForbiddenProblem(p), 404 => new NotFoundProblem(p), 409 => new ConflictProblem(p), _ => new InvalidInputProblem(p),
            });

    private static Task<Results<Ok<CalendarReplanView>, NotFoundProblem, InvalidInputProblem>> ReloadAsync(string name, CalendarReplanner replanner,
        HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<CalendarReplanView>, NotFoundProblem, InvalidInputProblem>>(http,
            async () => TypedResults.Ok(await replanner.ReloadAsync(name, ct)),
            [404, 422], p => p.Status == 404 ? new NotFoundProblem(p) : new InvalidInputProblem(p));

    private static async Task<Ok<IReadOnlyList<CalendarReplanView>>> ReplansAsync(CalendarReplanner replanner, CancellationToken ct) =>
        TypedResults.Ok(await replanner.ListAsync(ct));
}
