using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Apis;

/// <summary>
/// The designer's side of definitions: validate without deploying, save drafts, publish a draft with a change note,
/// read a key's version history. Deploying and reading versions stay in <see cref="DefinitionsApi"/>.
/// </summary>
public static class DesignerApi
{
    public static IEndpointRouteBuilder MapDesignerApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/designer").WithTags("Designer").RequireAuthorization(Policies.ProcessOwner).ProducesRoleProblems();
        group.MapPost("/validate", ValidateAsync).DisableAntiforgery().Accepts<string>("application/xml", "text/xml")
            .WithName("ValidateDefinition").WithSummary("The problems a deployment would report (with element ids) and the budget check; stores nothing.");
        group.MapGet("/drafts", DraftsAsync).WithName("ListDrafts").WithSummary("Keys with a saved draft.");
        group.MapGet("/drafts/{key}", DraftAsync).WithName("GetDraft").WithSummary("The saved draft of a key.");
        group.MapPut("/drafts/{key}", SaveDraftAsync).DisableAntiforgery().Accepts<string>("application/xml", "text/xml")
            .WithName("SaveDraft").WithSummary("Save the work in progress on a key, valid or not (its owners, or anyone for a new key).");
        group.MapPost("/drafts/{key}/publish", PublishAsync).WithName("PublishDraft")
            .WithSummary("Deploy the XML (or the saved draft) as the next version and publish it with a change note; refused while errors remain.");
        group.MapGet("/definitions/{key}/history", HistoryAsync).WithName("DefinitionHistory")
            .WithSummary("Every version of a key, newest first: status, who published it when, and its change note.");
        return app;
    }

    private static async Task<string> BodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(ct);
    }

    private static Task<Results<Ok<ValidationView>, InvalidInputProblem>> ValidateAsync(HttpRequest request, DesignerService designer, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<ValidationView>, InvalidInputProblem>>(request.HttpContext,
            async () => TypedResults.Ok(designer.Validate(await BodyAsync(request, ct))), [422], p => new InvalidInputProblem(p));

    private static async Task<Ok<IReadOnlyList<DraftSummary>>> DraftsAsync(DesignerService designer, CancellationToken ct) =>
        TypedResults.Ok(await designer.DraftsAsync(ct));

    private static Task<Results<Ok<DraftView>, NotFoundProblem>> DraftAsync(string key, DesignerService designer, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<DraftView>, NotFoundProblem>>(http, async () => TypedResults.Ok(await designer.DraftAsync(key, ct)),
            [404], p => new NotFoundProblem(p));

    private static Task<Results<Ok<DraftView>, ForbiddenProblem, ConflictProblem, InvalidInputProblem>> SaveDraftAsync(string key, HttpRequest request, ClaimsPrincipal user,
        DesignerService designer, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<DraftView>, ForbiddenProblem, ConflictProblem, InvalidInputProblem>>(request.HttpContext,
            async () => TypedResults.Ok(await designer.SaveDraftAsync(user.ToActor(), key, await BodyAsync(request, ct), ct)),
            [403, 409, 422], p => p.Status switch { 403 => new ForbiddenProblem(p), 409 => new ConflictProblem(p), _ => new InvalidInputProblem(p) });

    private static Task<Results<Ok<DefinitionSummary>, NotFoundProblem, ForbiddenProblem, ConflictProblem, InvalidInputProblem>> PublishAsync(string key, PublishDraftRequest request,
        ClaimsPrincipal user, DesignerService designer, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<DefinitionSummary>, NotFoundProblem, ForbiddenProblem, ConflictProblem, InvalidInputProblem>>(http,
            async () => TypedResults.Ok(await designer.PublishAsync(user.ToActor(), key, request, ct)),
            [404, 403, 409, 422], p => p.Status switch { 404 => new NotFoundProblem(p), 403 => new ForbiddenProblem(p), 409 => new ConflictProblem(p), _ => new InvalidInputProblem(p) });

    private static Task<Results<Ok<IReadOnlyList<VersionHistoryEntry>>, NotFoundProblem>> HistoryAsync(string key, DesignerService designer, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<IReadOnlyList<VersionHistoryEntry>>, NotFoundProblem>>(http, async () => TypedResults.Ok(await designer.HistoryAsync(key, ct)),
            [404], p => new NotFoundProblem(p));
}
