using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Apis;

/// <summary>Dossiers: receive at the desk, read within the caller's units, attach documents, take a supplement in.</summary>
public static class DossiersApi
{
    public static IEndpointRouteBuilder MapDossiersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/dossiers").WithTags("Dossiers").RequireAuthorization(Policies.Staff).ProducesRoleProblems();
        group.MapPost("/", ReceiveAsync).WithName("ReceiveDossier").RequireAuthorization(Policies.Reception)
            .WithSummary("Receive a dossier at the caller's unit: code, appointment date and the procedure's process started in one step.");
        group.MapPost("/appointment", AppointmentAsync).WithName("PreviewAppointment")
            .WithSummary("The appointment date a dossier received now would get, with the days counted and skipped.");
        group.MapGet("/", SearchAsync).WithName("SearchDossiers").WithSummary("Dossiers of the caller's units; q searches code and applicant name (diacritics optional).");
        group.MapGet("/{code}", GetAsync).WithName("GetDossier").WithSummary("A dossier with its documents, process control slip and tasks.");
        group.MapPost("/{code}/documents", AddDocumentAsync).WithName("AddDossierDocument").DisableAntiforgery()
            .WithSummary("Attach a document (multipart: file, kind = original|copy|electronic, name, requiredDocumentCode).");
        group.MapGet("/{code}/documents/{id:guid}", DownloadAsync).WithName("DownloadDossierDocument");
        group.MapPost("/{code}/supplement", SupplementAsync).WithName("SupplementDossier").DisableAntiforgery()
            .WithSummary("The applicant brought what was missing (multipart files with kinds, or JSON {note}): the dossier resumes.");
        return app;
    }

    private static Task<Results<Created<DossierReceived>, ForbiddenProblem, ConflictProblem, InvalidInputProblem>> ReceiveAsync(ReceiveDossierRequest request, ClaimsPrincipal user,
        DossierService dossiers, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Created<DossierReceived>, ForbiddenProblem, ConflictProblem, InvalidInputProblem>>(http, async () =>
        {
            var received = await dossiers.ReceiveAsync(request, user.ToActor(), ct);
            return TypedResults.Created($"/api/dossiers/{received.Code}", received);
        }, [403, 409, 422], p => p.Status switch { 403 => new ForbiddenProblem(p), 409 => new ConflictProblem(p), _ => new InvalidInputProblem(p) });

    private static Results<Ok<AppointmentView>, InvalidInputProblem> AppointmentAsync(AppointmentRequest request, DossierService dossiers, HttpContext http) =>
        Answers.Run<Results<Ok<AppointmentView>, InvalidInputProblem>>(http, () => TypedResults.Ok(dossiers.Appointment(request)), [422], p => new InvalidInputProblem(p));

    private static Task<Results<Ok<Page<DossierSummary>>, InvalidInputProblem>> SearchAsync(string? q, string? unit, int? status, int? limit, int? offset, ClaimsPrincipal user,
        DossierQueries queries, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<Page<DossierSummary>>, InvalidInputProblem>>(http, async () =>
            TypedResults.Ok(await queries.SearchAsync(q, unit, status, limit ?? 50, offset ?? 0, user.ToActor(), ct)), [422], p => new InvalidInputProblem(p));

    private static Task<Results<Ok<DossierView>, NotFoundProblem>> GetAsync(string code, ClaimsPrincipal user, DossierQueries queries, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<DossierView>, NotFoundProblem>>(http, async () => TypedResults.Ok(await queries.GetAsync(code, user.ToActor(), ct)), [404], p => new NotFoundProblem(p));

    private static Task<Results<Created<DocumentView>, NotFoundProblem, InvalidInputProblem>> AddDocumentAsync(string code, HttpRequest request, ClaimsPrincipal user,
        DossierService dossiers, CancellationToken ct) =>
        Answers.RunAsync<Results<Created<DocumentView>, NotFoundProblem, InvalidInputProblem>>(request.HttpContext, async () =>
        {
            if (!request.HasFormContentType) throw Invalid("file", "Send the document as multipart/form-data with a 'file' part.");
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file") ?? throw Invalid("file", "The 'file' part is missing.");
            var document = await dossiers.AddDocumentAsync(code, file, form["kind"], form["name"], form["requiredDocumentCode"], "receipt", user.ToActor(), ct);
            return TypedResults.Created($"/api/dossiers/{code}/documents/{document.Id}", document);
        }, [404, 422], p => p.Status switch { 404 => new NotFoundProblem(p), _ => new InvalidInputProblem(p) });

    private static Task<Results<FileContentHttpResult, NotFoundProblem>> DownloadAsync(string code, Guid id, ClaimsPrincipal user, DossierQueries queries, HttpContext http,
        CancellationToken ct) =>
        Answers.RunAsync<Results<FileContentHttpResult, NotFoundProblem>>(http, async () =>
        {
            var document = await queries.DocumentAsync(code, id, user.ToActor(), ct);
            // Always an attachment: a stored HTML or SVG file must never render in the application's origin.
            return TypedResults.File(document.Content, "application/octet-stream", document.Name);
        }, [404], p => new NotFoundProblem(p));

    private static Task<Results<Ok<DossierView>, NotFoundProblem, ConflictProblem, InvalidInputProblem>> SupplementAsync(string code, HttpRequest request, ClaimsPrincipal user,
        DossierService dossiers, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<DossierView>, NotFoundProblem, ConflictProblem, InvalidInputProblem>>(request.HttpContext, () => SupplementFromRequestAsync(code, request, user, dossiers, ct),
            [404, 409, 422], p => p.Status switch { 404 => new NotFoundProblem(p), 409 => new ConflictProblem(p), _ => new InvalidInputProblem(p) });

    private static async Task<Results<Ok<DossierView>, NotFoundProblem, ConflictProblem, InvalidInputProblem>> SupplementFromRequestAsync(string code, HttpRequest request, ClaimsPrincipal user,
        DossierService dossiers, CancellationToken ct)
    {
        var files = new List<(IFormFile, string?)>();
        string? note = null;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var kinds = form["kind"];
            for (var i = 0; i < form.Files.Count; i++) files.Add((form.Files[i], i < kinds.Count ? kinds[i] : null));
            note = form["note"];
        }
        else if (request.ContentLength > 0)
        {
            var body = await request.ReadFromJsonAsync<SupplementNote>(ct);
            note = body?.Note;
        }
        return TypedResults.Ok(await dossiers.SupplementAsync(code, files, note, user.ToActor(), ct));
    }

    private sealed record SupplementNote(string? Note);

    private static InvalidInputException Invalid(string field, string message) => new(message, [new FieldError(null, null, message, field)]);
}
