using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Procedures.Dossiers;
using WorkflowHost.Procedures.Text;
using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Services;

/// <summary>
/// Reads dossiers within the caller's scope (architecture decision 13): staff and managers see the dossiers one of
/// whose three units is theirs, admins all. The scope is part of every query, so a dossier outside it answers 404
/// exactly like one that does not exist, and never counts in a search.
/// </summary>
public sealed class DossierQueries(WorkflowDbContext db, OneStopData data, PeopleNames people)
{
    public const int MaxPageSize = 200;

    public IQueryable<DossierEntity> Visible(Actor actor)
    {
        var query = db.Dossiers.AsQueryable();
        if (actor.IsAdmin) return query;
        var units = actor.Units.ToList();
        return query.Where(d => units.Contains(d.ReceivingUnit) || units.Contains(d.CompetentUnit) || units.Contains(d.ReturnUnit));
    }

    public async Task<DossierEntity> FindVisibleAsync(string code, Actor actor, CancellationToken ct, bool tracked = false)
    {
        var query = Visible(actor).Where(d => d.Code == code);
        return await (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync(ct) ?? throw NotFound(code);
    }

    public async Task<DossierView> GetAsync(string code, Actor actor, CancellationToken ct)
    {
        var d = await FindVisibleAsync(code, actor, ct);
        var documents = await db.DossierDocuments.AsNoTracking().Where(x => x.DossierId == d.Id).OrderBy(x => x.UploadedAt)
            .Select(x => new DocumentView(x.Id, x.Name, x.Kind, x.RequiredDocumentCode, x.ContentType, x.Size, x.Sha256, x.Phase, x.UploadedAt, x.UploadedBy))
            .ToListAsync(ct);
        var slip = await db.SlipEntries.AsNoTracking().Where(s => s.DossierId == d.Id).OrderBy(s => s.Id)
            .Select(s => new SlipRowView(s.FromUnit, s.FromUser, s.ToUnit, s.ToUser, s.At, s.Step, s.Grade, s.Note, null, null)).ToListAsync(ct);
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.DossierId == d.Id).OrderBy(t => t.CreatedAt)
            .Select(t => new DossierTaskView(t.Id, t.Name, t.ElementId, t.UnitCode, t.Assignee, t.DueAt, t.State, t.CreatedAt, t.EndedAt, null)).ToListAsync(ct);

        var custody = (await db.CustodyEvents.AsNoTracking().Where(c => c.DossierId == d.Id).OrderBy(c => c.Id).ToListAsync(ct))
            .Select(c => new CustodyEventView(c.Kind, Ref(c.FromUnit, c.At), Ref(c.ToUnit, c.At), c.TrackingNumber, c.Carrier, c.At, c.By, c.Note)).ToList();
        var routing = new DossierRoutingView(d.SubjectUnitWritten, d.RoutingRule, d.RoutingTableVersion,
            JsonSerializer.Deserialize<List<string>>(d.RoutingExplanationJson ?? "[]") ?? [], d.VersionRule, d.ProcessKey, d.ProcessVersion);
        var supplement = d.SupplementRequestedAt is { } requested
            ? new SupplementView(requested, d.SupplementRequestedBy, JsonSerializer.Deserialize<List<string>>(d.SupplementMissingJson ?? "[]") ?? [], d.SupplementNote, d.SupplementResumedAt)
            : null;
        var pauses = await db.DossierPauses.AsNoTracking().Where(p => p.DossierId == d.Id).OrderBy(p => p.Id)
            .Select(p => new PauseView(p.Reason, p.StartedAt, p.EndedAt)).ToListAsync(ct);
        var changes = await db.DeadlineChanges.AsNoTracking().Where(c => c.DossierId == d.Id).OrderBy(c => c.Id)
            .Select(c => new DeadlineChangeView(c.TaskId, c.Cause, c.OldDueAt, c.NewDueAt, c.Calendar, c.At, c.By, null)).ToListAsync(ct);
        // Everyone the page names, in one query (not one per row).
        var names = await people.ForAsync(slip.SelectMany(s => new[] { s.FromUser, s.ToUser }).Concat(tasks.Select(t => t.Assignee))
            .Concat(changes.Select(c => c.By)).Append(d.ReceivedBy).Append(d.ExtendedBy), ct);
        slip = slip.Select(s => s with { FromUserDisplayName = names.Of(s.FromUser), ToUserDisplayName = names.Of(s.ToUser) }).ToList();
        tasks = tasks.Select(t => t with { AssigneeDisplayName = names.Of(t.Assignee) }).ToList();
        changes = changes.Select(c => c with { ByDisplayName = names.Of(c.By) }).ToList();
        var extension = d is { ExtendedAt: { } extendedAt, AppointmentBeforeExtensionAt: { } before, AppointmentAt: { } after }
            ? new ExtensionView(extendedAt, d.ExtendedBy, d.ExtensionReason ?? "", before, after, names.Of(d.ExtendedBy))
            : null;
        return new DossierView(d.Code, new ProcedureRef(d.ProcedureCode, d.ProcedureVersion, d.ProcedureName), d.Status, DossierStatus.NameVi(d.Status),
            DossierStatus.NameEn(d.Status), d.Channel, new ApplicantInput(d.ApplicantType, d.ApplicantName, d.ApplicantIdNumber, d.ApplicantPhone, d.ApplicantEmail),
            new SubjectInput(d.SubjectUnit, d.SubjectAddress, d.SubjectParcel, d.SubjectUnitWritten), Ref(d.ReceivingUnit, d.ReceivedAt), Ref(d.CompetentUnit, d.ReceivedAt),
            Ref(d.ReturnUnit, d.ReceivedAt), d.ReceivedAt, d.ReceivedBy, d.AppointmentAt, d.OriginalAppointmentAt, d.AppointmentCalendar, d.FinishedAt,
            d.ReturnedAt, d.InstanceId, d.RefusalReason, d.Note, documents, slip, supplement, tasks,
            extension, pauses, changes, routing, custody, names.Of(d.ReceivedBy), CalendarLabels.Of(d.AppointmentCalendar, data.Calendars));
    }

    public async Task<Page<DossierSummary>> SearchAsync(string? q, string? unit, int? status, int limit, int offset, Actor actor, CancellationToken ct)
    {
        if (limit is < 1 or > MaxPageSize) throw Invalid("limit", $"limit must be between 1 and {MaxPageSize}.");
        if (offset < 0) throw Invalid("offset", "offset must not be negative.");
        if (status is { } s && !DossierStatus.IsKnown(s)) throw Invalid("status", "status must be a portal status code from 1 to 10.");
        var query = Visible(actor).AsNoTracking();
        if (unit is { Length: > 0 }) query = query.Where(d => d.ReceivingUnit == unit || d.CompetentUnit == unit || d.ReturnUnit == unit);
        if (status is { } code) query = query.Where(d => d.Status == code);
        var folded = VietnameseText.Fold(q);
        if (folded.Length > 0) query = query.Where(d => d.SearchText.Contains(folded));
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(d => d.ReceivedAt).Skip(offset).Take(limit)
            .Select(d => new { d.Code, d.ProcedureCode, d.ProcedureName, d.ApplicantName, d.Status, d.ReceivingUnit, d.CompetentUnit, d.ReturnUnit, d.ReceivedAt, d.AppointmentAt })
            .ToListAsync(ct);
        return new Page<DossierSummary>(rows.Select(d => new DossierSummary(d.Code, d.ProcedureCode, d.ProcedureName, d.ApplicantName, d.Status,
            DossierStatus.NameVi(d.Status), d.ReceivingUnit, d.CompetentUnit, d.ReturnUnit, d.ReceivedAt, d.AppointmentAt)).ToList(), total);
    }

    /// <summary>The citizen's lookup: dossiers only (a process instance that merely shares the key is not a dossier), no personal data.</summary>
    public async Task<PublicDossierStatus> PublicAsync(string code, CancellationToken ct)
    {
        var d = await db.Dossiers.AsNoTracking().Where(x => x.Code == code)
            .Select(x => new { x.Code, x.ProcedureCode, x.ProcedureVersion, x.ProcedureName, x.Status, x.AppointmentAt })
            .SingleOrDefaultAsync(ct) ?? throw NotFound(code);
        // The English name of the version the dossier was received under; the catalogue keeps every version.
        var english = data.Procedures.All.FirstOrDefault(p => p.Code == d.ProcedureCode && p.Version == d.ProcedureVersion)?.NameEn;
        return new PublicDossierStatus(d.Code, d.ProcedureName, new PublicStatus(d.Status, DossierStatus.NameVi(d.Status), DossierStatus.NameEn(d.Status)),
            d.AppointmentAt, english);
    }

    public async Task<DossierDocumentEntity> DocumentAsync(string code, Guid id, Actor actor, CancellationToken ct)
    {
        var dossier = await FindVisibleAsync(code, actor, ct);
        return await db.DossierDocuments.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id && x.DossierId == dossier.Id, ct)
            ?? throw new NotFoundException($"Dossier {code} has no document {id}.");
    }

    public static DocumentView View(DossierDocumentEntity x) =>
        new(x.Id, x.Name, x.Kind, x.RequiredDocumentCode, x.ContentType, x.Size, x.Sha256, x.Phase, x.UploadedAt, x.UploadedBy);

    private UnitRef Ref(string code, DateTimeOffset at) => new(code, data.Unit(code, at)?.Name ?? data.Units.All.LastOrDefault(u => u.Code == code)?.Name);

    private static NotFoundException NotFound(string code) => new($"No dossier has the code '{code}'.");

    private static InvalidInputException Invalid(string field, string message) => new(message, [new FieldError(null, null, message, field)]);
}
