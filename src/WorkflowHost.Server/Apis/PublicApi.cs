using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Apis;

/// <summary>The public dossier lookup: a citizen checks the status of a dossier by its code, without signing in.</summary>
public static class PublicApi
{
    public sealed record DossierStatus(string Code, string Procedure, string Status, DateTimeOffset ReceivedAt, DateTimeOffset? FinishedAt);

    public static IEndpointRouteBuilder MapPublicApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/public/dossiers/{code}", LookupAsync).WithTags("Public").AllowAnonymous().WithName("LookupDossier")
            .WithSummary("Status of a dossier by its code (business key); shows no personal data.");
        return app;
    }

    private static async Task<Ok<DossierStatus>> LookupAsync(string code, WorkflowDbContext db, CancellationToken ct)
    {
        var row = await db.Instances.AsNoTracking().Where(i => i.BusinessKey == code).OrderByDescending(i => i.StartedAt)
            .Select(i => new { i.BusinessKey, i.DefinitionKey, i.DefinitionVersion, i.Status, i.StartedAt, i.EndedAt }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException($"No dossier has the code '{code}'.");
        var name = await db.Definitions.AsNoTracking().Where(d => d.Key == row.DefinitionKey && d.Version == row.DefinitionVersion).Select(d => d.Name).FirstOrDefaultAsync(ct);
        var status = row.Status == "incident" ? "active" : row.Status;
        return TypedResults.Ok(new DossierStatus(row.BusinessKey!, name ?? row.DefinitionKey, status, row.StartedAt, row.EndedAt));
    }
}
