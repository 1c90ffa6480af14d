using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Apis;

/// <summary>Dossiers: receive at the desk, read within the caller's units, attach documents, take a supplement in.</summary>
public static class DossiersApi
{
    public static IEndpointRouteBuilder MapDossiersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/dossiers").WithTags("Dossiers").RequireAuthorization(Policies.Staff);
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

    private static async Task<Created<DossierReceived>> ReceiveAsync(ReceiveDossierRequest request, ClaimsPrincipal user, DossierService dossiers, CancellationToken ct)
    {
        var received = await dossiers.ReceiveAsync(request, user.ToActor(), ct);
        return TypedResults.Created($"/api/dossiers/{received.Code}", received);
    }

    private static Ok<AppointmentView> AppointmentAsync(AppointmentRequest request, DossierService dossiers) => TypedResults.Ok(dossiers.Appointment(request));

    private static async Task<Ok<Page<DossierSummary>>> SearchAsync(string? q, string? unit, int? status, int? limit, int? offset, ClaimsPrincipal user,
        DossierQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.SearchAsync(q, unit, status, limit ?? 50, offset ?? 0, user.ToActor(), ct));

    private static async Task<Ok<DossierView>> GetAsync(string code, ClaimsPrincipal user, DossierQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.GetAsync(code, user.ToActor(), ct));

    private static async Task<Created<DocumentView>> AddDocumentAsync(string code, HttpRequest request, ClaimsPrincipal user, DossierService dossiers, CancellationToken ct)
    {
        if (!request.HasFormContentType) throw Invalid("file", "Send the document as multipart/form-data with a 'file' part.");
        var form = await request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file") ?? throw Invalid("file", "The 'file' part is missing.");
        var document = await dossiers.AddDocumentAsync(code, file, form["kind"], form["name"], form["requiredDocumentCode"], "receipt", user.ToActor(), ct);
        return TypedResults.Created($"/api/dossiers/{code}/documents/{document.Id}", document);
    }

    private static async Task<FileContentHttpResult> DownloadAsync(string code, Guid id, ClaimsPrincipal user, DossierQueries queries, CancellationToken ct)
    {
        var document = await queries.DocumentAsync(code, id, user.ToActor(), ct);
        // Always an attachment: a stored HTML or SVG file must never render in the application's origin.
        return TypedResults.File(document.Content, "application/octet-stream", document.Name);
    }

    private static async Task<Ok<DossierView>> SupplementAsync(string code, HttpRequest request, ClaimsPrincipal user, DossierService dossiers, CancellationToken ct)
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
