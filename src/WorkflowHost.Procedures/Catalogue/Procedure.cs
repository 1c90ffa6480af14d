namespace WorkflowHost.Procedures.Catalogue;

/// <summary>How a procedure's statutory time limit is counted.</summary>
public enum TimeLimitKind
{
    /// <summary>Result the same day; received after the cut-off, the next working day.</summary>
    SameDay,
    WorkingDays,
    WorkingHours,
}

/// <summary>The statutory time limit of a procedure version.</summary>
/// <param name="Value">Working days or hours; 0 for <see cref="TimeLimitKind.SameDay"/>.</param>
/// <param name="Cutoff">Local time after which a same-day dossier is due the next working day (e.g. 15:00).</param>
/// <param name="Note">What the counting rule alone does not say (e.g. the longer limit when verification is needed);
/// for people, not for deadline arithmetic.</param>
public sealed record TimeLimit(TimeLimitKind Kind, decimal Value, TimeOnly? Cutoff, string? Note = null);

/// <summary>When a fee falls due (national portal codes: 1 at receipt, 2 at supplement, 4 at return).</summary>
public enum FeeMoment
{
    AtReceipt = 1,
    AtSupplement = 2,
    AtReturn = 4,
}

public sealed record Fee(string Name, decimal Amount, FeeMoment Moment);

/// <summary>A document the applicant must submit.</summary>
/// <param name="Copies">Number of sets required.</param>
/// <param name="Required">False for documents needed only in some cases.</param>
/// <param name="Note">When the document is needed, or what form it may take.</param>
public sealed record RequiredDocument(string Code, string Name, int Copies, bool Required, string? Note = null);

/// <summary>The administrative level competent to decide a procedure.</summary>
public enum CompetentLevel
{
    Commune,
    /// <summary>Before the 2025 reform only: districts were abolished on 2025-07-01.</summary>
    District,
    Province,
    Central,
}

/// <summary>
/// One version of a procedure of the catalogue, in force over a period. A dossier stays on the version in force when
/// it was received.
/// </summary>
/// <param name="Code">National procedure code (MaTTHC), e.g. <c>1.000894</c>.</param>
/// <param name="CodeIllustrative">True when the national code could not be verified.</param>
/// <param name="BoundaryIndependent">May be received at any centre of the province, whatever the subject's unit.</param>
/// <param name="ProcessKey">Key of the BPMN process the dossier runs on.</param>
/// <param name="Note">What a clerk or maintainer should know that the fields do not say (e.g. which values are
/// illustrative).</param>
/// <param name="Reminders">When staff are reminded of this procedure's steps; null for the default.</param>
public sealed record Procedure(
    string Code,
    int Version,
    string Name,
    string? NameEn,
    string Field,
    CompetentLevel CompetentLevel,
    TimeLimit TimeLimit,
    IReadOnlyList<Fee> Fees,
    IReadOnlyList<RequiredDocument> RequiredDocuments,
    bool BoundaryIndependent,
    string ProcessKey,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    string? LegalBasis = null,
    bool CodeIllustrative = false,
    string? Note = null,
    Reminders.ReminderPolicy? Reminders = null)
{
    /// <summary>The procedure's reminder policy, or the default one.</summary>
    public Reminders.ReminderPolicy ReminderPolicy => Reminders ?? WorkflowHost.Procedures.Reminders.ReminderPolicy.Default;

    public bool IsInForceOn(DateOnly day) => ValidFrom <= day && (ValidTo is null || day <= ValidTo);
}
