namespace WorkflowHost.Procedures.Units;

/// <summary>The kinds of administrative unit; since 2025-07-01 districts no longer exist.</summary>
public enum UnitKind
{
    Province,
    District,
    Ward,
    Commune,
    SpecialZone,
}

/// <summary>
/// An administrative unit as it existed over a period. Codes are reused across the 2025 reform (new phường Hải Châu
/// 20242 was phường Phước Ninh until 2025-06-30), so a unit is identified by its code <em>and</em> its validity.
/// </summary>
/// <param name="Code">Statistics-office code (e.g. 20242), unique among units valid on the same day.</param>
/// <param name="AgencyCode">The unit's agency identifier (QCVN 102 style), the prefix of the dossier codes it issues;
/// null for units that receive no dossiers (districts, the province).</param>
/// <param name="CodeIllustrative">True when <paramref name="AgencyCode"/> could not be verified in an official source.</param>
/// <param name="ValidTo">Last day the unit existed (inclusive); null while it still exists.</param>
public sealed record AdministrativeUnit(
    string Code,
    string Name,
    UnitKind Kind,
    string? ParentCode,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    string? AgencyCode = null,
    bool CodeIllustrative = false)
{
    public bool IsValidOn(DateOnly day) => ValidFrom <= day && (ValidTo is null || day <= ValidTo);
}

/// <summary>One (old unit, new unit) pair of a reform; an old unit split across new ones has several pairs.</summary>
/// <param name="PartNote">What part moved, for a partial merger (the Hòa Liên case); null when the whole unit moved.</param>
/// <param name="PartMatch">What decides that a subject lies in the part that moved: address fragments (compared without
/// diacritics) and parcel ranges (<c>parcel:sheet</c> or <c>parcel:sheet/from-to</c>). Empty when the whole unit moved,
/// or when no boundary was published — then only a person can decide, and resolving answers "ambiguous".</param>
public sealed record UnitMapping(string OldCode, string NewCode, DateOnly EffectiveFrom, string? PartNote, IReadOnlyList<PartMatch>? PartMatch = null)
{
    public IReadOnlyList<PartMatch> Matches => PartMatch ?? [];
}
