using WorkflowHost.Procedures.Catalogue;
using WorkflowHost.Procedures.Units;

namespace WorkflowHost.Procedures.Routing;

/// <summary>Where the dossier's subject is, as the papers write it: a unit code or name (old names accepted), and the detail
/// that decides a split unit.</summary>
public sealed record SubjectLocation(string? UnitCode, string? UnitName, string? Address, string? Parcel)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(UnitCode) && string.IsNullOrWhiteSpace(UnitName);

    /// <summary>What the papers wrote, kept on the dossier as written.</summary>
    public string? Written => string.IsNullOrWhiteSpace(UnitCode) ? UnitName?.Trim() : UnitCode.Trim();
}

/// <summary>The facts routing looks at: what was received, for what subject, from whom, where, how and when.</summary>
public sealed record RoutingQuery(Procedure Procedure, SubjectLocation Subject, string ApplicantType, int Channel, AdministrativeUnit Receiving, DateOnly Day);

/// <summary>Why a dossier cannot be received as asked; <paramref name="Field"/> is the request field to fix.</summary>
/// <param name="CompetentCentre">The centre that may receive it, when the refusal is about jurisdiction.</param>
public sealed record RoutingRefusal(string Field, string Reason, AdministrativeUnit? CompetentCentre = null, IReadOnlyList<UnitCandidate>? Candidates = null);

/// <summary>
/// The outcome of routing one dossier: allowed (with the competent and return units and the row that decided), or
/// refused with the reason; either way an explanation a clerk can read aloud, one line per step.
/// </summary>
public sealed record RoutingDecision(
    bool Allowed,
    AdministrativeUnit? Subject,
    IReadOnlyList<AdministrativeUnit> SubjectVia,
    AdministrativeUnit? Competent,
    AdministrativeUnit? Return,
    RoutingRule? Rule,
    int TableVersion,
    bool ReceivableAnywhere,
    IReadOnlyList<string> Explanation,
    RoutingRefusal? Refusal);
