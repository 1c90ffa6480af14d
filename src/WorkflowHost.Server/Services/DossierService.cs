using System.Net.Mail;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Procedures.Calendars;
using WorkflowHost.Procedures.Catalogue;
using WorkflowHost.Procedures.Dossiers;
using WorkflowHost.Procedures.Text;
using Microsoft.Extensions.Localization;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Localization;

namespace WorkflowHost.Server.Services;

/// <summary>
/// The desk's commands on dossiers: receive (code, dossier row and instance start in one transaction), compute the
/// appointment date, attach documents, take a supplement in.
/// </summary>
public sealed class DossierService(WorkflowDbContext db, OneStopData data, DefinitionCatalog catalog, InstanceCommandService commands,
    DossierProjector projector, EffectDispatcher dispatcher, MessageService messages, DossierQueries queries, TimeProvider clock, DossierClock dossierClock,
    Reminders.ReminderPlanner reminders, RoutingService routing, IStringLocalizer<ServerMessages> L)
{
    /// <summary>The message a process waits for when the applicant brings what was missing.</summary>
    public const string SupplementedMessage = "dossier-supplemented";

    public AppointmentView Appointment(AppointmentRequest request)
    {
        var procedure = ProcedureInForce(request.ProcedureCode, clock.GetUtcNow(), "procedureCode");
        var deadline = Procedures.Calendars.Appointment.Compute(procedure.TimeLimit, request.ReceivedAt ?? clock.GetUtcNow(), data.Calendar);
        return View(deadline) with { CalendarLabel = CalendarLabels.Of(data.Calendar) };
    }

    /// <summary>
    /// Receives a dossier. The running number comes from a per-unit-and-day counter row incremented inside the
    /// receipt's transaction: concurrent receipts at one unit wait for each other on that row, and a receipt that fails
    /// rolls its number back, so the codes of a day are consecutive and gap-free.
    /// </summary>
    public async Task<DossierReceived> ReceiveAsync(ReceiveDossierRequest request, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var facts = Validate(request, actor, now);
        // Routing runs on valid input only, so a form with several mistakes gets them all at once before any routing problem.
        var routed = await routing.RouteAsync(new RoutingResolveRequest(request.ProcedureCode,
            new RoutingSubjectInput(request.Subject?.UnitCode, request.Subject?.UnitName, request.Subject?.Address, request.Subject?.Parcel),
            request.Applicant!.Type, request.Channel, request.ReceivingUnit, now), ct);
        if (routed.Decision.Refusal is { } refusal)
            throw new InvalidInputException(refusal.Reason, [Field(refusal.Field, refusal.Reason + Candidates(refusal, L))]);
        facts = facts with
        {
            Competent = routed.Decision.Competent!.Code,
            Return = request.ReturnUnit is { Length: > 0 } ? facts.Return : routed.Decision.Return!.Code,
            Routed = routed,
        };
        var processKey = routed.VersionRule?.ProcessKey ?? facts.Procedure.ProcessKey;
        // The published version's number is read here, asynchronously; the catalog then serves the compiled version from
        // its cache (its own lookup by key is synchronous, which starves the thread pool under a burst of receipts).
        var version = routed.VersionRule?.ProcessVersion is { } pinned
            ? await db.Definitions.AsNoTracking().Where(d => d.Key == processKey && d.Version == pinned && d.Status != DefinitionStatus.Draft).Select(d => (int?)d.Version).FirstOrDefaultAsync(ct)
            : await db.Definitions.AsNoTracking().Where(d => d.Key == processKey && d.Status == DefinitionStatus.Published).Select(d => (int?)d.Version).FirstOrDefaultAsync(ct);
        var definition = (version is { } v ? catalog.Get(processKey, v) : null)
            ?? throw new ConflictException(routed.VersionRule is { } rule
                ? L["Procedure {0} runs on process '{1}' (version rule '{2}', version {3}), which has no published version; ask the process owner to publish it.",
                    facts.Procedure.Code, processKey, rule.Id, rule.ProcessVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—"]
                : L["Procedure {0} runs on process '{1}', which has no published version; ask the process owner to publish it.", facts.Procedure.Code, processKey]);
        var deadline = Procedures.Calendars.Appointment.Compute(facts.Procedure.TimeLimit, now, data.Calendar);
        var day = data.DayOf(now);

        PendingDispatch? dispatch = null;
        var received = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var sequence = await NextNumberAsync(facts.Receiving.Code, day, ct);
            var dossier = NewDossier(request, facts, actor, now, deadline, DossierCode.Format(facts.Receiving.AgencyCode!, day, sequence));
            dossier.ProcessKey = definition.Key;
            dossier.ProcessVersion = definition.Version;
            db.Dossiers.Add(dossier);
            var variables = Variables(dossier, request);
            var outcome = await commands.StartAsync(definition, dossier.Code, variables, actor.UserName, null, ct, d => dispatch = d, dossier.Id);
            dossier.InstanceId = outcome.Instance.Id;
            var firstUnits = outcome.TasksOpened.Select(t => t.UnitCode).Distinct().ToList();
            foreach (var unit in firstUnits.DefaultIfEmpty(null))
                projector.Slip(dossier, (dossier.ReceivingUnit, actor.UserName), (unit, null), Words.ReceiptStep, null, now, request.Note);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new DossierReceived(dossier.Code, dossier.Status, dossier.ReceivingUnit, dossier.CompetentUnit, dossier.ReturnUnit, dossier.AppointmentAt, dossier.InstanceId);
        });
        if (dispatch is not null) await dispatcher.DispatchAsync(dispatch, ct);
        return received;
    }

    /// <summary>Stores a document of a dossier with its SHA-256.</summary>
    public async Task<DocumentView> AddDocumentAsync(string code, IFormFile file, string? kind, string? name, string? requiredDocumentCode, string phase,
        Actor actor, CancellationToken ct)
    {
        var dossier = await queries.FindVisibleAsync(code, actor, ct);
        var documentKind = ParseKind(kind);
        if (file.Length == 0) throw Invalid("file", L["The file is empty."]);
        await using var stream = file.OpenReadStream();
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        var row = new DossierDocumentEntity
        {
            Id = Guid.NewGuid(), DossierId = dossier.Id, Name = Clip(string.IsNullOrWhiteSpace(name) ? file.FileName : name, 260),
            Kind = Word(documentKind), RequiredDocumentCode = requiredDocumentCode, ContentType = Clip(file.ContentType is { Length: > 0 } t ? t : "application/octet-stream", 100),
            Size = bytes.LongLength, Sha256 = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant(), Content = bytes, Phase = phase,
            UploadedAt = clock.GetUtcNow(), UploadedBy = actor.UserName,
        };
        db.DossierDocuments.Add(row);
        await db.SaveChangesAsync(ct);
        return DossierQueries.View(row);
    }

    /// <summary>
    /// The applicant brought what was missing: the pause ends, the dossier returns to the status it had, and a process
    /// waiting for <see cref="SupplementedMessage"/> goes on.
    /// </summary>
    public async Task<DossierView> SupplementAsync(string code, IReadOnlyList<(IFormFile File, string? Kind)> files, string? note, Actor actor, CancellationToken ct)
    {
        var dossier = await queries.FindVisibleAsync(code, actor, ct, tracked: true);
        if (dossier.Status != DossierStatus.AwaitingSupplement)
            throw new ConflictException(L["Dossier {0} is not awaiting a supplement (its status is {1} {2}).", code, dossier.Status, ServerMessages.StatusName(dossier.Status)]);
        foreach (var (file, kind) in files) await AddDocumentAsync(code, file, kind, null, null, "supplement", actor, ct);
        var now = clock.GetUtcNow();
        dossier.Status = dossier.StatusBeforePause ?? DossierStatus.InProgress;
        var moved = await dossierClock.ResumeAsync(dossier, now, actor.UserName, ct);
        dossier.SupplementResumedAt = now;
        projector.Slip(dossier, (dossier.ReceivingUnit, actor.UserName), (dossier.CompetentUnit, null), Words.SupplementStep, null, now, note);
        await db.SaveChangesAsync(ct);
        foreach (var task in moved) await reminders.ReplanAsync(task.Id, ct);
        if (dossier.InstanceId is { } instanceId)
        {
            var waiting = await db.MessageSubscriptions.AnyAsync(s => s.InstanceId == instanceId && s.MessageName == SupplementedMessage, ct);
            if (waiting) await messages.CorrelateAsync(new MessageRequest(SupplementedMessage, null, instanceId, null), actor, ct);
        }
        return await queries.GetAsync(code, actor, ct);
    }

    private sealed record Facts(Procedure Procedure, Procedures.Units.AdministrativeUnit Receiving, string Competent, string Return, Channel Channel,
        ApplicantType ApplicantType, string Decision, RoutingService.Routed? Routed = null);

    private static string Candidates(Procedures.Routing.RoutingRefusal refusal, IStringLocalizer<ServerMessages> L) =>
        refusal.Candidates is { Count: > 0 } candidates
            ? " " + L["Candidates: {0}.", string.Join("; ", candidates.Select(c => $"{c.Unit.Name} ({c.Unit.Code}){(c.PartNote is { } n ? $" — {n}" : "")}"))]
            : "";

    private Facts Validate(ReceiveDossierRequest request, Actor actor, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        Procedure? procedure = null;
        if (string.IsNullOrWhiteSpace(request.ProcedureCode)) errors.Add(Field("procedureCode", L["Choose the procedure."]));
        else if ((procedure = data.Procedures.InForce(request.ProcedureCode, data.DayOf(now))) is null)
            errors.Add(Field("procedureCode", L["No procedure with code '{0}' is in force today.", request.ProcedureCode]));
        var receiving = data.Unit(request.ReceivingUnit, now);
        if (string.IsNullOrWhiteSpace(request.ReceivingUnit)) errors.Add(Field("receivingUnit", L["Name the receiving unit."]));
        else if (receiving is null) errors.Add(Field("receivingUnit", L["No unit has code '{0}' today.", request.ReceivingUnit]));
        else if (receiving.AgencyCode is null) errors.Add(Field("receivingUnit", L["{0} ({1}) does not receive dossiers.", receiving.Name, receiving.Code]));
        else if (!actor.IsAdmin && !actor.Units.Contains(receiving.Code)) errors.Add(Field("receivingUnit", L["You do not work at {0}; receive at your own unit.", receiving.Name]));
        if (request.Channel is not (1 or 2 or 3)) errors.Add(Field("channel", L["Channel must be 1 (in person), 2 (online) or 3 (post)."]));
        var applicant = request.Applicant;
        ApplicantType applicantType = default;
        if (applicant is null) errors.Add(Field("applicant", L["Enter the applicant."]));
        else
        {
            if (ParseApplicantType(applicant.Type) is { } t) applicantType = t;
            else errors.Add(Field("applicant.type", L["Applicant type must be citizen, organisation or householdBusiness."]));
            if (string.IsNullOrWhiteSpace(applicant.Name)) errors.Add(Field("applicant.name", L["Enter the applicant's name."]));
            else if (applicant.Name.Length > 200) errors.Add(Field("applicant.name", L["The name is longer than 200 characters."]));
            if (applicant.IdNumber is { Length: > 0 } id && (id.Length > 30 || !id.All(char.IsAsciiLetterOrDigit)))
                errors.Add(Field("applicant.idNumber", L["The ID number has letters and digits only, at most 30."]));
            if (applicant.Phone is { Length: > 0 } phone && (phone.Length > 30 || !phone.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '.' or '-')))
                errors.Add(Field("applicant.phone", L["The phone number has digits, spaces and + . - only, at most 30."]));
            if (applicant.Email is { Length: > 0 } email && (email.Length > 200 || !MailAddress.TryCreate(email, out _)))
                errors.Add(Field("applicant.email", L["'{0}' is not an e-mail address.", email]));
        }
        var subject = request.Subject;
        if (subject?.Address is { Length: > 400 }) errors.Add(Field("subject.address", L["The address is longer than 400 characters."]));
        if (subject?.Parcel is { Length: > 100 }) errors.Add(Field("subject.parcel", L["The parcel is longer than 100 characters."]));
        if (subject?.UnitName is { Length: > 200 }) errors.Add(Field("subject.unitName", L["The unit name is longer than 200 characters."]));
        var returnUnit = receiving?.Code;
        if (request.ReturnUnit is { Length: > 0 } r)
        {
            if (data.Unit(r, now) is null) errors.Add(Field("returnUnit", L["No unit has code '{0}' today.", r]));
            else returnUnit = r;
        }
        var decision = request.Decision ?? "accept";
        switch (decision)
        {
            case "accept":
                break;
            case "supplement":
                if (request.Missing is not { Count: > 0 } || request.Missing.Any(string.IsNullOrWhiteSpace))
                    errors.Add(Field("missing", L["List everything that is missing: the applicant is told once, in full."]));
                break;
            case "refuse":
                if (string.IsNullOrWhiteSpace(request.Reason)) errors.Add(Field("reason", L["Give the reason for refusing; it is printed on the refusal slip."]));
                break;
            default:
                errors.Add(Field("decision", L["Decision must be accept, supplement or refuse."]));
                break;
        }
        if (errors.Count > 0) throw new InvalidInputException(L["The dossier cannot be received; see errors."], errors);
        // The competent unit is the router's (RoutingService); it is filled in once the input is known to be valid.
        return new Facts(procedure!, receiving!, receiving!.Code, returnUnit!, (Channel)request.Channel!.Value, applicantType, decision);
    }

    private static DossierEntity NewDossier(ReceiveDossierRequest request, Facts facts, Actor actor, DateTimeOffset now, Deadline deadline, string code)
    {
        var applicant = request.Applicant!;
        var dossier = new DossierEntity
        {
            Id = Guid.NewGuid(), Code = code, ProcedureCode = facts.Procedure.Code, ProcedureVersion = facts.Procedure.Version, ProcedureName = facts.Procedure.Name,
            ReceivingUnit = facts.Receiving.Code, CompetentUnit = facts.Competent, ReturnUnit = facts.Return, Channel = (int)facts.Channel,
            Status = facts.Decision == "accept" ? DossierStatus.Accepted : DossierStatus.Submitted,
            ApplicantType = Word(facts.ApplicantType), ApplicantName = applicant.Name!.Trim(), ApplicantIdNumber = Blank(applicant.IdNumber),
            ApplicantPhone = Blank(applicant.Phone), ApplicantEmail = Blank(applicant.Email),
            SubjectUnit = facts.Routed?.Decision.Subject?.Code ?? Blank(request.Subject?.UnitCode),
            SubjectUnitWritten = Blank(request.Subject?.UnitName) ?? Blank(request.Subject?.UnitCode), SubjectAddress = Blank(request.Subject?.Address), SubjectParcel = Blank(request.Subject?.Parcel),
            ReceivedAt = now, ReceivedBy = actor.UserName, Note = Blank(request.Note),
            SearchText = VietnameseText.Fold($"{code} {applicant.Name}"),
        };
        if (facts.Routed is { } routed)
        {
            dossier.RoutingRule = routed.Decision.Rule?.Id;
            dossier.RoutingTableVersion = routed.Table.Version;
            dossier.RoutingExplanationJson = JsonSerializer.Serialize(routed.Decision.Explanation);
            dossier.VersionRule = routed.VersionRule?.Id;
        }
        if (facts.Decision == "refuse") dossier.RefusalReason = request.Reason!.Trim();
        else if (facts.Decision == "supplement")
        {
            dossier.SupplementMissingJson = JsonSerializer.Serialize(request.Missing!.Select(m => m.Trim()).ToList());
            dossier.SupplementNote = Blank(request.Note);
            dossier.SupplementRequestedBy = actor.UserName;
        }
        else
        {
            dossier.AppointmentAt = deadline.DueAt;
            dossier.OriginalAppointmentAt = deadline.DueAt;
            dossier.AppointmentCalendar = $"{deadline.Calendar}@{deadline.CalendarVersion}";
        }
        return dossier;
    }

    /// <summary>The dossier's facts the process sees; the engine keeps them as ordinary variables.</summary>
    private static JsonObject Variables(DossierEntity dossier, ReceiveDossierRequest request)
    {
        var variables = request.Variables?.DeepClone().AsObject() ?? [];
        variables["decision"] = request.Decision ?? "accept";
        variables["dossier"] = new JsonObject
        {
            ["code"] = dossier.Code, ["procedureCode"] = dossier.ProcedureCode, ["procedureVersion"] = dossier.ProcedureVersion,
            ["receivingUnit"] = dossier.ReceivingUnit, ["competentUnit"] = dossier.CompetentUnit, ["returnUnit"] = dossier.ReturnUnit,
            ["channel"] = dossier.Channel, ["applicantType"] = dossier.ApplicantType, ["applicantName"] = dossier.ApplicantName,
            ["subjectUnit"] = dossier.SubjectUnit, ["appointmentAt"] = dossier.AppointmentAt?.ToString("O"),
        };
        return variables;
    }

    private async Task<int> NextNumberAsync(string unitCode, DateOnly day, CancellationToken ct) =>
        (await db.Database.SqlQuery<int>($"""
            INSERT INTO dossier_counters ("UnitCode", "Day", "Last") VALUES ({unitCode}, {day}, 1)
            ON CONFLICT ("UnitCode", "Day") DO UPDATE SET "Last" = dossier_counters."Last" + 1
            RETURNING "Last" AS "Value"
            """).ToListAsync(ct)).Single();

    private Procedure ProcedureInForce(string? code, DateTimeOffset at, string field) =>
        (string.IsNullOrWhiteSpace(code) ? null : data.Procedures.InForce(code, data.DayOf(at)))
        ?? throw Invalid(field, L["No procedure with code '{0}' is in force on {1:yyyy-MM-dd}.", code ?? "", data.DayOf(at)]);

    public static AppointmentView View(Deadline deadline) => new(deadline.DueAt, deadline.Calendar, deadline.CalendarVersion,
        deadline.Explanation.Select(e => new ExplanationView(e.Day, e.Kind, e.Reason)).ToList());

    private static ApplicantType? ParseApplicantType(string? type) => type switch
    {
        "citizen" => ApplicantType.Citizen,
        "organisation" or "organization" => ApplicantType.Organisation,
        "householdBusiness" => ApplicantType.HouseholdBusiness,
        _ => null,
    };

    private DocumentKind ParseKind(string? kind) => kind switch
    {
        null or "" or "copy" => DocumentKind.Copy,
        "original" => DocumentKind.Original,
        "electronic" => DocumentKind.Electronic,
        _ => throw Invalid("kind", L["Document kind '{0}' is not original, copy or electronic.", kind]),
    };

    private static string Word(ApplicantType type) => type switch
    {
        ApplicantType.Organisation => "organisation",
        ApplicantType.HouseholdBusiness => "householdBusiness",
        _ => "citizen",
    };

    private static string Word(DocumentKind kind) => kind switch
    {
        DocumentKind.Original => "original",
        DocumentKind.Electronic => "electronic",
        _ => "copy",
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];

    private static FieldError Field(string field, string message) => new(null, null, message, field);

    private static InvalidInputException Invalid(string field, string message) => new(message, [Field(field, message)]);
}

/// <summary>Names of the slip's own steps (the process's steps carry their BPMN names).</summary>
public static class Words
{
    public const string ReceiptStep = "Tiếp nhận hồ sơ";
    public const string SupplementStep = "Bổ sung hồ sơ";
    public const string SupplementRequestStep = "Yêu cầu bổ sung hồ sơ";
    public const string TransferStep = "Chuyển xử lý";
    /// <summary>A step held by a person whose account was deactivated goes back to its unit's queue.</summary>
    public const string ReleaseStep = "Trả về hàng đợi của đơn vị";
    public const string ExtensionStep = "Xin lỗi và hẹn lại ngày trả kết quả";
}
