using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Apis;

/// <summary>Procedure definitions: deploy BPMN, publish a version, list, read the XML back.</summary>
public static class DefinitionsApi
{
    public static IEndpointRouteBuilder MapDefinitionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/definitions").WithTags("Definitions").RequireAuthorization().ProducesRoleProblems();
        group.MapPost("/", DeployAsync).RequireAuthorization(Policies.ProcessOwner).DisableAntiforgery()
            .Accepts<string>("application/xml", "text/xml", "multipart/form-data")
            .WithName("DeployDefinition").WithSummary("Deploy a BPMN document as a new version (?publish=true publishes it at once).");
        group.MapPost("/{key}/publish", PublishAsync).RequireAuthorization(Policies.ProcessOwner).WithName("PublishDefinition")
            .WithSummary("Publish the latest version (or ?version=N); the previously published version is retired.");
        group.MapGet("/", ListAsync).WithName("ListDefinitions").WithSummary("Every definition key with its published (else latest) version.");
        group.MapGet("/{key}/versions", VersionsAsync).WithName("ListDefinitionVersions");
        group.MapGet("/{key}/versions/{version:int}", XmlAsync).WithName("GetDefinitionXml").WithSummary("The BPMN XML exactly as deployed, as a file download.");
        group.MapPut("/{key}/owners", SetOwnersAsync).RequireAuthorization(Policies.ProcessOwner).WithName("SetDefinitionOwners")
            .WithSummary("Replace the owners of a procedure (its owners or an admin): they deploy, publish, read and cancel its instances.");
        return app;
    }

    private static Task<Results<Created<DefinitionSummary>, ForbiddenProblem, ConflictProblem, InvalidInputProblem>> DeployAsync(HttpRequest request, bool? publish, ClaimsPrincipal user,
        DefinitionService definitions, CancellationToken ct) =>
        Answers.RunAsync<Results<Created<DefinitionSummary>, ForbiddenProblem, ConflictProblem, InvalidInputProblem>>(request.HttpContext, () => DeployXmlAsync(request, publish, user, definitions, ct),
            [403, 409, 422], p => p.Status switch { 403 => new ForbiddenProblem(p), 409 => new ConflictProblem(p), _ => new InvalidInputProblem(p) });

    private static async Task<Results<Created<DefinitionSummary>, ForbiddenProblem, ConflictProblem, InvalidInputProblem>> DeployXmlAsync(HttpRequest request, bool? publish, ClaimsPrincipal user,
        DefinitionService definitions, CancellationToken ct)
    {
        string xml;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.FirstOrDefault()
                ?? throw new InvalidInputException("The multipart request has no file.", [new FieldError(null, null, "Attach the .bpmn file.", "file")]);
            using var reader = new StreamReader(file.OpenReadStream());
            xml = await reader.ReadToEndAsync(ct);
        }
        else
        {
            using var reader = new StreamReader(request.Body);
            xml = await reader.ReadToEndAsync(ct);
        }
        var summary = await definitions.DeployAsync(xml, publish ?? false, user.ToActor(), ct);
        return TypedResults.Created($"/api/definitions/{summary.Key}/versions/{summary.Version}", summary);
    }

    private static Task<Results<Ok<DefinitionSummary>, NotFoundProblem, ForbiddenProblem, ConflictProblem, InvalidInputProblem>> PublishAsync(string key, int? version, ClaimsPrincipal user,
        DefinitionService definitions, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<DefinitionSummary>, NotFoundProblem, ForbiddenProblem, ConflictProblem, InvalidInputProblem>>(http, async () => TypedResults.Ok(await definitions.PublishAsync(user.ToActor(), key, version, ct)),
            [404, 403, 409, 422], p => p.Status switch { 404 => new NotFoundProblem(p), 403 => new ForbiddenProblem(p), 409 => new ConflictProblem(p), _ => new InvalidInputProblem(p) });

    private static Task<Results<Ok<IReadOnlyList<string>>, NotFoundProblem, ForbiddenProblem, InvalidInputProblem>> SetOwnersAsync(string key, OwnersRequest request, ClaimsPrincipal user,
        ProcedureOwners owners, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<IReadOnlyList<string>>, NotFoundProblem, ForbiddenProblem, InvalidInputProblem>>(http, async () => TypedResults.Ok(await owners.SetAsync(user.ToActor(), key, request.Owners ?? [], ct)),
            [404, 403, 422], p => p.Status switch { 404 => new NotFoundProblem(p), 403 => new ForbiddenProblem(p), _ => new InvalidInputProblem(p) });

    private static async Task<Ok<IReadOnlyList<DefinitionSummary>>> ListAsync(DefinitionService definitions, CancellationToken ct) =>
        TypedResults.Ok(await definitions.ListLatestAsync(ct));

    private static Task<Results<Ok<IReadOnlyList<DefinitionSummary>>, NotFoundProblem>> VersionsAsync(string key, DefinitionService definitions, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<IReadOnlyList<DefinitionSummary>>, NotFoundProblem>>(http, async () => TypedResults.Ok(await definitions.VersionsAsync(key, ct)),
            [404], p => new NotFoundProblem(p));

    /// <summary>
    /// Served as an attachment (with nosniff and the API's Content-Security-Policy from the security headers): a
    /// deployed document may carry markup or script that a browser must never render as a page of this origin.
    /// </summary>
    private static Task<Results<FileContentHttpResult, NotFoundProblem>> XmlAsync(string key, int version, DefinitionService definitions, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<FileContentHttpResult, NotFoundProblem>>(http, async () =>
        {
            var xml = await definitions.XmlAsync(key, version, ct);
            var safeName = new string(key.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
            return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(xml), "application/xml", $"{safeName}-v{version}.bpmn");
        }, [404], p => new NotFoundProblem(p));
}
