namespace WorkflowHost.Server.Services;

/// <summary>The subject as POST /api/routing/resolve and the desk send it: a unit code or a name as written, with the
/// address or parcel that decides a split unit.</summary>
public sealed record RoutingSubjectInput(string? UnitCode, string? UnitName, string? Address, string? Parcel);

/// <summary>Body of POST /api/routing/resolve.</summary>
/// <param name="At">The receipt instant to route for (default now): rows and units are effective-dated.</param>
/// <param name="Table">A draft of the province's table to route by instead of the saved one (the editor's "try it"); it
/// must have no errors. Never used by a receipt.</param>
public sealed record RoutingResolveRequest(string? ProcedureCode, RoutingSubjectInput? Subject, string? ApplicantType, int? Channel, string? ReceivingUnit,
    DateTimeOffset? At, WorkflowHost.Procedures.Routing.RoutingTableFile.TableDto? Table = null);

public sealed record RoutingRuleRef(string Id, int Version);

/// <summary>Which process a dossier received now would run on, and the version selection rule that chose it (null: the
/// procedure's own process).</summary>
public sealed record ProcessChoiceView(string Key, int? Version, string? Rule);

public sealed record UnitCandidateView(UnitRef Unit, IReadOnlyList<UnitRef> Via, string? PartNote);

public sealed record RoutingRefusalView(string Field, string Reason, UnitRef? CompetentCentre, IReadOnlyList<UnitCandidateView>? Candidates);

/// <summary>Answer of POST /api/routing/resolve (and the routing part of a receipt).</summary>
public sealed record RoutingResolution(bool Allowed, UnitRef? SubjectUnit, IReadOnlyList<UnitRef> Via, UnitRef? CompetentUnit, UnitRef? ReturnUnit,
    RoutingRuleRef? Rule, ProcessChoiceView? Process, IReadOnlyList<string> Explanation, RoutingRefusalView? Refusal);
