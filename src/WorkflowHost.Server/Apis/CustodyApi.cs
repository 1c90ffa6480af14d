using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Apis;

/// <summary>Custody of a dossier's paper originals sent between centres by post.</summary>
public static class CustodyApi
{
    public static IEndpointRouteBuilder MapCustodyApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/dossiers/{code}/custody", RecordAsync).WithTags("Dossiers").RequireAuthorization(Policies.Staff).ProducesRoleProblems().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity).WithName("RecordCustody")
            .WithSummary("The originals were sent by post (kind=sent, trackingNumber; from the receiving to the competent unit unless named) or arrived (kind=received, trackingNumber).");
        return app;
    }

    private static async Task<Ok<DossierView>> RecordAsync(string code, CustodyRequest request, ClaimsPrincipal user, CustodyService custody, CancellationToken ct) =>
        TypedResults.Ok(await custody.RecordAsync(code, request, user.ToActor(), ct));
}
