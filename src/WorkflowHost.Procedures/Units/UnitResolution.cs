namespace WorkflowHost.Procedures.Units;

/// <summary>
/// What a unit written on a paper (by code or by name, as of a day) is today. Exactly one of three outcomes:
/// found (<see cref="Unit"/> set), ambiguous (<see cref="Ambiguous"/>, with <see cref="Candidates"/> to choose from —
/// never a guess), or not found (<see cref="Problem"/> says why).
/// </summary>
/// <param name="Unit">The unit valid on the day asked about.</param>
/// <param name="Via">The old units the written one passed through to reach <see cref="Unit"/>, oldest first; empty when the
/// written unit is itself valid on that day.</param>
/// <param name="Decided">Which <c>part_match</c> term decided a split unit; null otherwise.</param>
public sealed record UnitResolution(
    AdministrativeUnit? Unit,
    IReadOnlyList<AdministrativeUnit> Via,
    bool Ambiguous,
    IReadOnlyList<UnitCandidate> Candidates,
    string? Problem,
    string? Decided = null)
{
    public static UnitResolution NotFound(string problem) => new(null, [], false, [], problem);
}

/// <summary>A unit the written one may mean; <paramref name="PartNote"/> says which part of a split unit went there.</summary>
public sealed record UnitCandidate(AdministrativeUnit Unit, IReadOnlyList<AdministrativeUnit> Via, string? PartNote);
