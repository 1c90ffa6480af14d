namespace WorkflowHost.Procedures.Routing;

/// <summary>How a rule names the competent unit.</summary>
public enum CompetentKind
{
    /// <summary>The unit in <see cref="RoutingRule.CompetentUnit"/>.</summary>
    Fixed,
    /// <summary>The subject's own ward or commune (after the reform: most commune-level procedures).</summary>
    Subject,
    /// <summary>The district containing the subject's ward (before the reform: construction permits, business registration).</summary>
    SubjectDistrict,
    /// <summary>The land registration office branch serving the subject's unit (<see cref="RoutingTable.LandBranches"/>).</summary>
    LandBranch,
}

/// <summary>Where the result goes back to the applicant.</summary>
public enum ReturnKind
{
    Receiving,
    Competent,
    Fixed,
}

/// <summary>
/// One row of the routing table: conditions (an empty list matches anything) and the result. The first row whose
/// conditions all hold decides; <see cref="From"/>/<see cref="To"/> bound the receipt day, so a reform is a new row, not
/// an edit of an old one.
/// </summary>
/// <param name="Fields">Procedure fields (lĩnh vực, e.g. "Đất đai"), compared without diacritics.</param>
/// <param name="SubjectUnits">Codes of the subject's unit as of the receipt day (after resolving old names).</param>
/// <param name="ReceivableAnywhere">Whether the procedure may be received outside its jurisdiction (on the province's
/// boundary-independent list); null defers to the catalogue's <c>boundaryIndependent</c>.</param>
public sealed record RoutingRule(
    string Id,
    IReadOnlyList<string> ProcedureCodes,
    IReadOnlyList<string> Fields,
    IReadOnlyList<string> SubjectUnits,
    IReadOnlyList<string> ApplicantTypes,
    IReadOnlyList<int> Channels,
    IReadOnlyList<string> ReceivingUnits,
    DateOnly? From,
    DateOnly? To,
    CompetentKind Competent,
    string? CompetentUnit,
    ReturnKind Return,
    string? ReturnUnit,
    bool? ReceivableAnywhere,
    string? Note)
{
    public bool CoversDay(DateOnly day) => (From is null || From <= day) && (To is null || day <= To);
}

/// <summary>A land registration office branch and the units whose parcels it registers.</summary>
/// <param name="Unit">The unit whose staff work the branch's queue.</param>
public sealed record LandBranch(string Name, string Unit, IReadOnlyList<string> Serves);

/// <summary>
/// A version selection rule (issue 12): which process a new dossier of a procedure runs on, by receipt day and the
/// receiving or competent unit — e.g. during the June 2025 trial the ward process at the pilot wards. The first
/// matching rule of a procedure wins; with none, the procedure's own <c>processKey</c> runs.
/// </summary>
/// <param name="ProcessVersion">A published version of <paramref name="ProcessKey"/>; null for whichever is published.</param>
public sealed record VersionRule(
    string Id,
    string ProcedureCode,
    DateOnly? From,
    DateOnly? To,
    IReadOnlyList<string> ReceivingUnits,
    IReadOnlyList<string> CompetentUnits,
    string ProcessKey,
    int? ProcessVersion,
    string? Note)
{
    public bool Matches(string procedureCode, DateOnly day, string receivingUnit, string competentUnit) =>
        ProcedureCode == procedureCode && (From is null || From <= day) && (To is null || day <= To)
        && (ReceivingUnits.Count == 0 || ReceivingUnits.Contains(receivingUnit))
        && (CompetentUnits.Count == 0 || CompetentUnits.Contains(competentUnit));
}

/// <summary>
/// The routing table of one province, one saved version: rows tried in order, the land registration branches, and the
/// version selection rules. Immutable; a save makes the next version.
/// </summary>
public sealed record RoutingTable(
    string Province,
    int Version,
    IReadOnlyList<RoutingRule> Rules,
    IReadOnlyList<LandBranch> LandBranches,
    IReadOnlyList<VersionRule> VersionRules,
    string? Note = null);
