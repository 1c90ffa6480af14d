namespace WorkflowHost.Data.Entities;

/// <summary>
/// A citizen's or organisation's dossier (hồ sơ) for one procedure version, received at one unit. The three units are
/// separate columns because reception regardless of administrative boundaries makes them differ routinely; what the
/// inbox and searches filter on are indexed columns, the slip and documents are rows of their own.
/// </summary>
public sealed class DossierEntity
{
    public Guid Id { get; set; }
    /// <summary><c>&lt;agency code&gt;-YYMMDD-NNNN</c>, unique.</summary>
    public required string Code { get; set; }
    public required string ProcedureCode { get; set; }
    public int ProcedureVersion { get; set; }
    public required string ProcedureName { get; set; }
    public required string ReceivingUnit { get; set; }
    public required string CompetentUnit { get; set; }
    public required string ReturnUnit { get; set; }
    /// <summary>National portal channel code: 1 in person, 2 online, 3 post.</summary>
    public int Channel { get; set; }
    /// <summary>National portal status code 1-10.</summary>
    public int Status { get; set; }
    /// <summary>The status to go back to when a pause (supplement, payment) ends.</summary>
    public int? StatusBeforePause { get; set; }
    public required string ApplicantType { get; set; }
    public required string ApplicantName { get; set; }
    public string? ApplicantIdNumber { get; set; }
    public string? ApplicantPhone { get; set; }
    public string? ApplicantEmail { get; set; }
    public string? SubjectUnit { get; set; }
    /// <summary>The subject's unit as the papers write it ("phường Thạch Thang"), kept although routing resolved it to today's unit.</summary>
    public string? SubjectUnitWritten { get; set; }
    public string? SubjectAddress { get; set; }
    public string? SubjectParcel { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public string? ReceivedBy { get; set; }
    public DateTimeOffset? AppointmentAt { get; set; }
    /// <summary>The appointment first promised, kept when a pause or an extension moves <see cref="AppointmentAt"/>.</summary>
    public DateTimeOffset? OriginalAppointmentAt { get; set; }
    /// <summary>Calendar name and version the appointment was computed with (<c>name@version</c>).</summary>
    public string? AppointmentCalendar { get; set; }
    /// <summary>When staff apologised for a late result and gave a new date (one apology per dossier); the dossier still counts as late.</summary>
    public DateTimeOffset? ExtendedAt { get; set; }
    public string? ExtendedBy { get; set; }
    public string? ExtensionReason { get; set; }
    /// <summary>The appointment the apology replaced.</summary>
    public DateTimeOffset? AppointmentBeforeExtensionAt { get; set; }
    /// <summary>When processing finished (status 9, or a final status reached without a result).</summary>
    public DateTimeOffset? FinishedAt { get; set; }
    public DateTimeOffset? ReturnedAt { get; set; }
    public Guid? InstanceId { get; set; }
    public string? RefusalReason { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset? SupplementRequestedAt { get; set; }
    public string? SupplementRequestedBy { get; set; }
    /// <summary>JSON array of what is missing: the applicant is told once, in full.</summary>
    public string? SupplementMissingJson { get; set; }
    public string? SupplementNote { get; set; }
    public DateTimeOffset? SupplementResumedAt { get; set; }
    /// <summary>The routing table row that chose the competent unit (<see cref="RoutingTableVersion"/> of the receiving province's table).</summary>
    public string? RoutingRule { get; set; }
    public int? RoutingTableVersion { get; set; }
    /// <summary>JSON array of the routing explanation the desk showed, one line per step.</summary>
    public string? RoutingExplanationJson { get; set; }
    /// <summary>The version selection rule that chose the process; null when the procedure's own process ran.</summary>
    public string? VersionRule { get; set; }
    /// <summary>The process (key and version) the dossier runs on, as chosen at receipt.</summary>
    public string? ProcessKey { get; set; }
    public int? ProcessVersion { get; set; }
    /// <summary>When a step of the dossier first passed its due instant while open; null while every step was on time.</summary>
    public DateTimeOffset? OverdueAt { get; set; }
    /// <summary>Code and applicant name in lower case without Vietnamese diacritics, for one search box.</summary>
    public string SearchText { get; set; } = "";
}

/// <summary>The running number of dossiers a unit received on a day; the dossier code's last four digits.</summary>
public sealed class DossierCounterEntity
{
    public required string UnitCode { get; set; }
    public DateOnly Day { get; set; }
    public int Last { get; set; }
}

/// <summary>A document of a dossier: the file, its SHA-256 and whether it was an original, a copy or electronic.</summary>
public sealed class DossierDocumentEntity
{
    public Guid Id { get; set; }
    public Guid DossierId { get; set; }
    public required string Name { get; set; }
    public required string Kind { get; set; }
    public string? RequiredDocumentCode { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public required byte[] Content { get; set; }
    /// <summary>receipt or supplement.</summary>
    public required string Phase { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public string? UploadedBy { get; set; }
}

/// <summary>
/// One row of the process control slip (phiếu kiểm soát quá trình giải quyết hồ sơ): a handover from a unit or person
/// to another, graded against the step's budget. Append-only.
/// </summary>
public sealed class SlipEntryEntity
{
    public long Id { get; set; }
    public Guid DossierId { get; set; }
    public string? FromUnit { get; set; }
    public string? FromUser { get; set; }
    public string? ToUnit { get; set; }
    public string? ToUser { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Step { get; set; }
    /// <summary>early, onTime, late; null for a handover that closes no budgeted step.</summary>
    public string? Grade { get; set; }
    public string? Note { get; set; }
}

/// <summary>An interval in which the dossier's clock does not run (awaiting supplement, awaiting payment).</summary>
public sealed class DossierPauseEntity
{
    public long Id { get; set; }
    public Guid DossierId { get; set; }
    /// <summary>supplement or payment.</summary>
    public required string Reason { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
}
