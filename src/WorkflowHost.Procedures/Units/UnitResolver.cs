using Microsoft.Extensions.Localization;
using WorkflowHost.Engine.Localization;
using WorkflowHost.Procedures.Localization;
using WorkflowHost.Procedures.Text;

namespace WorkflowHost.Procedures.Units;

/// <summary>
/// Finds the unit a paper names, as of a day. Papers and land certificates still carry the old ward names, with or
/// without diacritics and the kind word ("phường Thạch Thang", "P. Thach Thang", "20233"); an old unit leads through the
/// reform's mappings to the unit that absorbed it. A unit split between several new ones is decided by the subject's
/// address or parcel when the mapping says how (<see cref="PartMatch"/>); otherwise the answer is "ambiguous" with the
/// candidates. Problems are in the caller's UI language (<see cref="RoutingMessages"/>). Read-only; safe to share between threads.
/// </summary>
public sealed class UnitResolver
{
    // Folded kind words a clerk writes before a name, longest first so "thi tran" wins over "thi".
    private static readonly (string Word, UnitKind[] Kinds)[] KindWords =
    [
        ("thanh pho", [UnitKind.District, UnitKind.Province]),
        ("thi tran", [UnitKind.Commune]),
        ("thi xa", [UnitKind.District]),
        ("dac khu", [UnitKind.SpecialZone]),
        ("phuong", [UnitKind.Ward]),
        ("huyen", [UnitKind.District]),
        ("quan", [UnitKind.District]),
        ("tinh", [UnitKind.Province]),
        ("tp", [UnitKind.District, UnitKind.Province]),
        ("tt", [UnitKind.Commune]),
        ("xa", [UnitKind.Commune]),
        ("p", [UnitKind.Ward]),
        ("q", [UnitKind.District]),
        ("h", [UnitKind.District]),
    ];

    private static readonly UnitKind[] CommuneLevel = [UnitKind.Ward, UnitKind.Commune, UnitKind.SpecialZone];

    private readonly UnitRegistry _registry;
    private readonly ILookup<string, AdministrativeUnit> _byFoldedName;
    private readonly IStringLocalizer<RoutingMessages> L;

    public UnitResolver(UnitRegistry registry, IStringLocalizer<RoutingMessages>? messages = null)
    {
        _registry = registry;
        L = messages ?? EnglishMessages<RoutingMessages>.Instance;
        _byFoldedName = registry.All.ToLookup(u => VietnameseText.Fold(u.Name), StringComparer.Ordinal);
    }

    /// <summary>
    /// Resolves <paramref name="written"/> (a code, or a name with or without diacritics and kind word) as of
    /// <paramref name="asOf"/>; <paramref name="address"/> and <paramref name="parcel"/> decide a split unit.
    /// </summary>
    public UnitResolution Resolve(string? written, DateOnly asOf, string? address = null, string? parcel = null)
    {
        if (string.IsNullOrWhiteSpace(written)) return UnitResolution.NotFound(L["No unit was named."]);
        var text = written.Trim();
        List<AdministrativeUnit> named;
        if (text.All(char.IsAsciiDigit))
        {
            // Codes are reused: the unit carrying the code on the day wins; otherwise the latest that carried it before.
            if (_registry.Find(text, asOf) is { } current) return new UnitResolution(current, [], false, [], null);
            named = _registry.All.Where(u => u.Code == text && u.ValidTo < asOf).OrderByDescending(u => u.ValidFrom).Take(1).ToList();
            if (named.Count == 0) return UnitResolution.NotFound(L["No unit has carried code {0} on or before {1:yyyy-MM-dd}.", text, asOf]);
        }
        else
        {
            var (name, kinds) = SplitKind(VietnameseText.Fold(text));
            named = _byFoldedName[name].Where(u => kinds.Contains(u.Kind)).ToList();
            if (named.Count == 0) return UnitResolution.NotFound(kinds.SequenceEqual(CommuneLevel) ? L["No ward, commune or special zone is named '{0}'.", text] : L["No {0} is named '{1}'.", Describe(kinds), text]);
            var valid = named.Where(u => u.IsValidOn(asOf)).ToList();
            if (valid.Count == 1) return new UnitResolution(valid[0], [], false, [], null);
            if (valid.Count > 1)
                return new UnitResolution(null, [], true, valid.Select(u => new UnitCandidate(u, [], null)).ToList(),
                    L["{0} units named '{1}' exist on {2:yyyy-MM-dd}; choose one by code.", valid.Count, text, asOf]);
            named = named.Where(u => u.ValidTo < asOf).ToList();
            if (named.Count == 0) return UnitResolution.NotFound(L["No unit named '{0}' existed on or before {1:yyyy-MM-dd}.", text, asOf]);
        }

        // Old units: follow the mappings forward to what is valid on the day; several old units of one name (in different
        // districts) and split units both give several ends.
        var ends = named.SelectMany(u => Forward(u, asOf, [u])).ToList();
        var distinct = ends.GroupBy(e => (e.Unit.Code, e.Unit.ValidFrom)).Select(g => g.First()).ToList();
        if (distinct.Count == 0) return UnitResolution.NotFound(L["'{0}' ended before {1:yyyy-MM-dd} and no unit valid on that day took it over.", text, asOf]);
        if (distinct.Count == 1) return new UnitResolution(distinct[0].Unit, distinct[0].Via, false, [], null);

        var decided = distinct.Where(e => e.Match.Any(m => m.Covers(address, parcel))).ToList();
        if (decided.Count == 1)
            return new UnitResolution(decided[0].Unit, decided[0].Via, false, [], null,
                decided[0].Match.First(m => m.Covers(address, parcel)).ToString());
        var candidates = distinct.Select(e => new UnitCandidate(e.Unit, e.Via, e.PartNote)).ToList();
        var splitOn = distinct.Max(e => e.Via[^1].ValidTo!.Value.AddDays(1));
        string why = distinct.All(e => e.PartNote is null) ? L["Several units named '{0}' existed; choose one by code.", text]
            : address is null && parcel is null ? L["'{0}' was split on {1:yyyy-MM-dd}; give the subject's address or parcel, or choose the unit.", text, splitOn]
            : L["'{0}' was split on {1:yyyy-MM-dd}; the address and parcel given do not decide which part; choose the unit.", text, splitOn];
        return new UnitResolution(null, [], true, candidates, why);
    }

    private sealed record End(AdministrativeUnit Unit, IReadOnlyList<AdministrativeUnit> Via, string? PartNote, IReadOnlyList<PartMatch> Match);

    private IEnumerable<End> Forward(AdministrativeUnit old, DateOnly asOf, List<AdministrativeUnit> via)
    {
        foreach (var mapping in _registry.SuccessorsOf(old.Code).Where(m => m.EffectiveFrom == old.ValidTo?.AddDays(1)))
        {
            var next = _registry.Find(mapping.NewCode, mapping.EffectiveFrom);
            if (next is null) continue;
            if (next.IsValidOn(asOf)) { yield return new End(next, via, mapping.PartNote, mapping.Matches); continue; }
            if (next.ValidTo < asOf)
                foreach (var end in Forward(next, asOf, [.. via, next]))
                    yield return end with { PartNote = end.PartNote ?? mapping.PartNote, Match = end.Match.Count > 0 ? end.Match : mapping.Matches };
        }
    }

    private static (string Name, UnitKind[] Kinds) SplitKind(string folded)
    {
        var text = folded.Replace('.', ' ').Trim();
        foreach (var (word, kinds) in KindWords)
            if (text.StartsWith(word + " ", StringComparison.Ordinal))
                return (string.Join(' ', text[word.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)), kinds);
        return (string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries)), CommuneLevel);
    }

    private static string Describe(UnitKind[] kinds) => string.Join(" / ", kinds.Select(k => Routing.Router.KindWord(k)));
}
