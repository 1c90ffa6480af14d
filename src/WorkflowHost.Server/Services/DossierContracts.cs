using System.Text.Json.Nodes;

namespace WorkflowHost.Server.Services;

/// <summary>The applicant as the desk enters it.</summary>
/// <param name="Type">citizen, organisation or householdBusiness.</param>
public sealed record ApplicantInput(string? Type, string? Name, string? IdNumber, string? Phone, string? Email);

/// <summary>Where the dossier's subject is: the land parcel, the residence, the construction site. The unit is a code or a
/// name as the papers write it (old ward names are routed to the ward that absorbed them and kept as written).</summary>
public sealed record SubjectInput(string? UnitCode, string? Address, string? Parcel, string? UnitName = null);

/// <summary>Body of POST /api/dossiers.</summary>
/// <param name="Decision">What the desk decided on the spot: accept (default), supplement (with <paramref name="Missing"/>) or refuse (with <paramref name="Reason"/>).</param>
public sealed record ReceiveDossierRequest(string? ProcedureCode, string? ReceivingUnit, int? Channel, ApplicantInput? Applicant, SubjectInput? Subject,
    string? ReturnUnit, string? Decision = null, IReadOnlyList<string>? Missing = null, string? Reason = null, string? Note = null, JsonObject? Variables = null);

/// <summary>Answer of POST /api/dossiers.</summary>
public sealed record DossierReceived(string Code, int Status, string ReceivingUnit, string CompetentUnit, string ReturnUnit, DateTimeOffset? AppointmentAt, Guid? InstanceId);

/// <summary>Body of POST /api/dossiers/appointment: the date the desk shows before confirming.</summary>
public sealed record AppointmentRequest(string? ProcedureCode, string? ReceivingUnit, DateTimeOffset? ReceivedAt);

/// <summary>One day a deadline counted or skipped, and why.</summary>
public sealed record ExplanationView(DateOnly Day, string Kind, string Reason);

/// <summary>Answer of POST /api/dossiers/appointment.</summary>
public sealed record AppointmentView(DateTimeOffset AppointmentAt, string Calendar, string CalendarVersion, IReadOnlyList<ExplanationView> Explanation,
    CalendarLabel? CalendarLabel = null);

/// <summary>A business calendar as people read it: its name in both languages, with the name and version a deadline recorded.</summary>
public sealed record CalendarLabel(string Name, string Version, string DisplayName, string DisplayNameEn);

/// <summary>A unit named by code, with its name for people.</summary>
public sealed record UnitRef(string Code, string? Name);

/// <summary>A document of a dossier, without its content.</summary>
public sealed record DocumentView(Guid Id, string Name, string Kind, string? RequiredDocumentCode, string ContentType, long Size, string Sha256, string Phase,
    DateTimeOffset UploadedAt, string? UploadedBy);

/// <summary>A row of the process control slip. The users are user names (or, on the return row, the applicant as written);
/// their display names are beside them when they are accounts that have one.</summary>
public sealed record SlipRowView(string? FromUnit, string? FromUser, string? ToUnit, string? ToUser, DateTimeOffset At, string Step, string? Grade, string? Note,
    string? FromUserDisplayName = null, string? ToUserDisplayName = null);

/// <summary>The one supplement request of a dossier.</summary>
public sealed record SupplementView(DateTimeOffset RequestedAt, string? RequestedBy, IReadOnlyList<string> Missing, string? Note, DateTimeOffset? ResumedAt);

/// <summary>A task of the dossier, as its page lists them.</summary>
public sealed record DossierTaskView(Guid Id, string? Name, string ElementId, string? UnitCode, string? Assignee, DateTimeOffset? DueAt, string State,
    DateTimeOffset CreatedAt, DateTimeOffset? EndedAt, string? AssigneeDisplayName = null);

/// <summary>The procedure a dossier was received for.</summary>
public sealed record ProcedureRef(string Code, int Version, string Name);

/// <summary>GET /api/dossiers/{code}.</summary>
public sealed record DossierView(string Code, ProcedureRef Procedure, int Status, string StatusName, string StatusNameEn, int Channel,
    ApplicantInput Applicant, SubjectInput Subject, UnitRef ReceivingUnit, UnitRef CompetentUnit, UnitRef ReturnUnit,
    DateTimeOffset ReceivedAt, string? ReceivedBy, DateTimeOffset? AppointmentAt, DateTimeOffset? OriginalAppointmentAt, string? AppointmentCalendar,
    DateTimeOffset? FinishedAt, DateTimeOffset? ReturnedAt, Guid? InstanceId, string? RefusalReason, string? Note,
    IReadOnlyList<DocumentView> Documents, IReadOnlyList<SlipRowView> Slip, SupplementView? Supplement, IReadOnlyList<DossierTaskView> Tasks,
    ExtensionView? Extension, IReadOnlyList<PauseView> Pauses, IReadOnlyList<DeadlineChangeView> DeadlineChanges,
    DossierRoutingView? Routing = null, IReadOnlyList<CustodyEventView>? Custody = null, string? ReceivedByDisplayName = null,
    CalendarLabel? AppointmentCalendarLabel = null);

/// <summary>An interval the dossier's clock stood still; open while <paramref name="EndedAt"/> is null.</summary>
public sealed record PauseView(string Reason, DateTimeOffset StartedAt, DateTimeOffset? EndedAt);

/// <summary>A deadline of the dossier that moved: the appointment (no task) or a step's due date; cause pause, extension or calendar.</summary>
public sealed record DeadlineChangeView(Guid? TaskId, string Cause, DateTimeOffset? OldDueAt, DateTimeOffset NewDueAt, string? Calendar, DateTimeOffset At, string? By,
    string? ByDisplayName = null);

/// <summary>How the dossier was routed at receipt: the subject's unit as written, the routing row and table version, the
/// explanation the desk showed, and the version selection rule that chose its process (null: the procedure's own).</summary>
public sealed record DossierRoutingView(string? SubjectWritten, string? Rule, int? TableVersion, IReadOnlyList<string> Explanation, string? VersionRule,
    string? ProcessKey, int? ProcessVersion);

/// <summary>A movement of the paper originals between centres.</summary>
public sealed record CustodyEventView(string Kind, UnitRef FromUnit, UnitRef ToUnit, string? TrackingNumber, string? Carrier, DateTimeOffset At, string? By, string? Note);

/// <summary>Body of POST /api/dossiers/{code}/custody: the originals were sent (with the tracking number) or received.</summary>
public sealed record CustodyRequest(string? Kind, string? FromUnit, string? ToUnit, string? TrackingNumber, string? Carrier, string? Note);

/// <summary>A row of GET /api/dossiers.</summary>
public sealed record DossierSummary(string Code, string ProcedureCode, string ProcedureName, string ApplicantName, int Status, string StatusName,
    string ReceivingUnit, string CompetentUnit, string ReturnUnit, DateTimeOffset ReceivedAt, DateTimeOffset? AppointmentAt);

/// <summary>A page of a search, with the total the search matched.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total);

/// <summary>GET /api/public/dossiers/{code}: what a citizen may see without signing in (no personal data).</summary>
/// <param name="Procedure">The procedure's Vietnamese name, as the dossier was received.</param>
/// <param name="ProcedureEn">Its English name from the catalogue; null when the catalogue has none.</param>
public sealed record PublicDossierStatus(string Code, string Procedure, PublicStatus Status, DateTimeOffset? AppointmentAt, string? ProcedureEn = null);

public sealed record PublicStatus(int Code, string Name, string NameEn);

/// <summary>Body of POST /api/tasks/{id}/transfer.</summary>
public sealed record TransferRequest(string? ToUnit, string? ToUser, string? Reason);

/// <summary>Body of POST /api/tasks/{id}/return-for-supplement: everything missing, said once.</summary>
public sealed record SupplementRequest(IReadOnlyList<string>? Missing, string? Note);

/// <summary>Counts for the inbox tabs.</summary>
public sealed record TaskCounts(int Mine, int Queue, int DueSoon, int Overdue);

/// <summary>GET /api/tasks/{id}: the task and the form to fill in.</summary>
public sealed record TaskDetail(TaskView Task, TaskFormView? Form);

/// <summary>A task's form: a form-js schema shipped with the procedure, or its declared fields.</summary>
public sealed record TaskFormView(string Kind, JsonNode? Schema, IReadOnlyList<Procedures.Forms.FormField>? Fields);
