using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Apis;

/// <summary>The public dossier lookup: a citizen checks the status of a dossier by its code, without signing in.</summary>
public static class PublicApi
{
    public static IEndpointRouteBuilder MapPublicApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/public/dossiers/{code}", LookupAsync).WithTags("Public").AllowAnonymous().WithName("LookupDossier")
            .WithSummary("Code, procedure, status (portal code and name) and appointment date of a dossier; no personal data.");
        return app;
    }

    private static Task<Results<Ok<PublicDossierStatus>, NotFoundProblem>> LookupAsync(string code, DossierQueries queries, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<PublicDossierStatus>, NotFoundProblem>>(http, async () => TypedResults.Ok(await queries.PublicAsync(code, ct)), [404], p => new NotFoundProblem(p));
}
