using System.Globalization;
using System.Text.RegularExpressions;

namespace WorkflowHost.Procedures.Units;

/// <summary>
/// The administrative units of the province over time and the old→new mapping of the 2025 reform, loaded once from
/// <c>workflows/units/</c> and read-only afterwards (safe to share between threads).
/// </summary>
/// <remarks>
/// Codes are reused across the reform (20242 was phường Phước Ninh until 2025-06-30 and is phường Hải Châu from
/// 2025-07-01), so every look-up by code takes a day. <see cref="Load"/> guarantees that no two units with the same
/// code, and no two units with the same agency code, are valid on the same day; that every unit but a province has a
/// parent of a higher kind valid on the unit's first day; and that every mapping joins a unit that ended the day before
/// the mapping takes effect to a unit valid on that day.
/// </remarks>
public sealed partial class UnitRegistry
{
    public const string UnitsFileName = "units.csv";
    public const string MappingsFileName = "mappings.csv";

    internal static readonly string[] UnitColumns =
        ["code", "name", "kind", "parent_code", "valid_from", "valid_to", "agency_code", "agency_code_illustrative", "source"];

    internal static readonly string[] MappingColumns = ["old_code", "new_code", "effective_from", "part_note"];

    /// <summary>Columns a mapping file may have; older files without them stay valid.</summary>
    internal static readonly string[] OptionalMappingColumns = ["part_match"];

    /// <summary>The words of the <c>kind</c> column. Thị trấn (township) is loaded as a commune: it is a commune-level
    /// unit, and the reform turned the remaining ones into communes.</summary>
    private static readonly Dictionary<string, UnitKind> KindWords = new(StringComparer.Ordinal)
    {
        ["province"] = UnitKind.Province,
        ["district"] = UnitKind.District,
        ["ward"] = UnitKind.Ward,
        ["commune"] = UnitKind.Commune,
        ["special-zone"] = UnitKind.SpecialZone,
    };

    // Vietnamese collation puts "Đà Nẵng" after "Duy Xuyên" and "Ă"/"Â" after "A", as a clerk expects in a list.
    private static readonly StringComparer NameOrder = StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), ignoreCase: false);

    private readonly Dictionary<string, AdministrativeUnit[]> _byCode;
    private readonly ILookup<string, UnitMapping> _byOldCode;
    private readonly ILookup<string, UnitMapping> _byNewCode;

    private UnitRegistry(IReadOnlyList<AdministrativeUnit> units, IReadOnlyList<UnitMapping> mappings)
    {
        All = units;
        Mappings = mappings;
        _byCode = units.GroupBy(u => u.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(u => u.ValidFrom).ToArray(), StringComparer.Ordinal);
        _byOldCode = mappings.OrderBy(m => m.EffectiveFrom).ThenBy(m => m.NewCode, StringComparer.Ordinal)
            .ToLookup(m => m.OldCode, StringComparer.Ordinal);
        _byNewCode = mappings.OrderBy(m => m.EffectiveFrom).ThenBy(m => m.OldCode, StringComparer.Ordinal)
            .ToLookup(m => m.NewCode, StringComparer.Ordinal);
    }

    /// <summary>Every unit of every period, in the order of <c>units.csv</c>.</summary>
    public IReadOnlyList<AdministrativeUnit> All { get; }

    /// <summary>Every old→new pair, in the order of <c>mappings.csv</c>.</summary>
    public IReadOnlyList<UnitMapping> Mappings { get; }

    /// <summary>
    /// Reads <c>units.csv</c> and <c>mappings.csv</c> from <paramref name="directory"/> (the <c>workflows/units</c>
    /// folder; a folder holding a <c>units</c> subfolder with them, such as <c>workflows</c>, is accepted too), then any
    /// further <c>units-*.csv</c> and <c>mappings-*.csv</c> in name order (imports of more units and mappings, same
    /// columns), and checks them all together as the remarks on <see cref="UnitRegistry"/> describe.
    /// </summary>
    /// <exception cref="UnitDataException">A file is missing or wrong; the message names the file, line and column.</exception>
    public static UnitRegistry Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var folder = ResolveFolder(directory);
        if (!Directory.Exists(folder)) throw new UnitDataException(folder, 0, "the unit data folder does not exist");

        // A stray CSV (say a renamed copy) would otherwise be silently ignored while a maintainer believes it is loaded.
        var unitFiles = new List<string> { Path.Combine(folder, UnitsFileName) };
        var mappingFiles = new List<string> { Path.Combine(folder, MappingsFileName) };
        foreach (var extra in Directory.EnumerateFiles(folder, "*.csv").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(extra);
            if (name == UnitsFileName || name == MappingsFileName) continue;
            if (name.StartsWith("units-", StringComparison.Ordinal)) unitFiles.Add(extra);
            else if (name.StartsWith("mappings-", StringComparison.Ordinal)) mappingFiles.Add(extra);
            else
                throw new UnitDataException(extra, 0,
                    $"unexpected file; the unit data is {UnitsFileName} and {MappingsFileName}, plus imports named units-*.csv and mappings-*.csv");
        }

        var units = ReadUnits(unitFiles);
        var mappings = ReadMappings(mappingFiles, units);
        return new UnitRegistry(units, mappings);
    }

    /// <summary>The units valid on <paramref name="day"/>, ordered by kind (province first), then by Vietnamese name, then code.</summary>
    public IReadOnlyList<AdministrativeUnit> AsOf(DateOnly day) =>
        All.Where(u => u.IsValidOn(day))
            .OrderBy(u => u.Kind)
            .ThenBy(u => u.Name, NameOrder)
            .ThenBy(u => u.Code, StringComparer.Ordinal)
            .ToList();

    /// <summary>The unit that carried <paramref name="code"/> on <paramref name="asOf"/>; null when none did.
    /// At most one can: <see cref="Load"/> refuses overlapping periods for one code.</summary>
    public AdministrativeUnit? Find(string code, DateOnly asOf) =>
        _byCode.TryGetValue(code, out var periods) ? periods.FirstOrDefault(u => u.IsValidOn(asOf)) : null;

    /// <summary>The pairs whose old unit is <paramref name="oldCode"/>, earliest reform first: one for a merged unit,
    /// several (each with a part note) for a split one, none for a code that never ended.</summary>
    public IReadOnlyList<UnitMapping> SuccessorsOf(string oldCode) => _byOldCode[oldCode].ToList();

    /// <summary>The pairs whose new unit is <paramref name="newCode"/>, earliest reform first.</summary>
    public IReadOnlyList<UnitMapping> PredecessorsOf(string newCode) => _byNewCode[newCode].ToList();

    private static string ResolveFolder(string directory)
    {
        if (File.Exists(Path.Combine(directory, UnitsFileName))) return directory;
        var nested = Path.Combine(directory, "units");
        return File.Exists(Path.Combine(nested, UnitsFileName)) ? nested : directory;
    }

    private static List<AdministrativeUnit> ReadUnits(IReadOnlyList<string> files)
    {
        var units = new List<AdministrativeUnit>();
        var lines = new Dictionary<AdministrativeUnit, Place>(ReferenceEqualityComparer.Instance);
        foreach (var row in files.SelectMany(f => CsvTable.Read(f, UnitColumns).Records))
        {
            var code = row.Required("code");
            if (!UnitCode().IsMatch(code)) throw row.Fail("code", $"'{code}' is not a statistics-office code (digits only)");
            var name = row.Required("name");
            var kindWord = row.Required("kind");
            if (!KindWords.TryGetValue(kindWord, out var kind))
                throw row.Fail("kind", $"'{kindWord}' is not a unit kind; expected one of {string.Join(", ", KindWords.Keys)}");
            var parent = row.Optional("parent_code");
            if (kind == UnitKind.Province && parent is not null)
                throw row.Fail("parent_code", "a province has no parent; leave it empty");
            if (kind != UnitKind.Province && parent is null)
                throw row.Fail("parent_code", $"a {kindWord} needs the code of the unit it belongs to");
            var from = row.RequiredDate("valid_from");
            var to = row.OptionalDate("valid_to");
            if (to < from) throw row.Fail("valid_to", $"{to:yyyy-MM-dd} is before valid_from {from:yyyy-MM-dd}");
            var agency = row.Optional("agency_code");
            if (agency is not null && !AgencyCode().IsMatch(agency))
                throw row.Fail("agency_code", $"'{agency}' is not an agency code of the QCVN 102 shape (e.g. 000.00.01.H22)");
            var illustrative = row.Boolean("agency_code_illustrative", whenEmpty: false);
            if (illustrative && agency is null)
                throw row.Fail("agency_code_illustrative", "true, but there is no agency_code to be illustrative");

            var unit = new AdministrativeUnit(code, name, kind, parent, from, to, agency, illustrative);
            units.Add(unit);
            lines[unit] = new Place(row.File, row.Line);
        }

        RefuseOverlaps(units, lines, u => u.Code, "code", "code");
        RefuseOverlaps(units.Where(u => u.AgencyCode is not null), lines, u => u.AgencyCode!, "agency code", "agency_code");
        CheckParents(units, lines);
        return units;
    }

    /// <summary>Where a record was read: file and line, so a conflict between two files names both.</summary>
    private readonly record struct Place(string File, int Line)
    {
        // Files load in a fixed order (the main file first, then imports by name), which is the order a maintainer reads them.
        public bool Before(Place other) => File == other.File ? Line < other.Line : Order(File).CompareTo(Order(other.File)) < 0;

        private static (int, string) Order(string file) =>
            (Path.GetFileName(file) is UnitsFileName or MappingsFileName ? 0 : 1, Path.GetFileName(file));

        public string Describe(Place other) => other.File == File ? $"line {Line}" : $"{Path.GetFileName(File)} line {Line}";
    }

    // Two units valid on the same day under one key would make Find (or a dossier-code prefix) ambiguous.
    private static void RefuseOverlaps(IEnumerable<AdministrativeUnit> units, Dictionary<AdministrativeUnit, Place> lines,
        Func<AdministrativeUnit, string> key, string what, string column)
    {
        foreach (var group in units.GroupBy(key, StringComparer.Ordinal))
        {
            var periods = group.OrderBy(u => u.ValidFrom).ThenBy(u => lines[u], Comparer<Place>.Create((a, b) => a == b ? 0 : a.Before(b) ? -1 : 1)).ToList();
            for (var i = 1; i < periods.Count; i++)
            {
                var earlier = periods[i - 1];
                var later = periods[i];
                if (earlier.ValidTo is null || earlier.ValidTo >= later.ValidFrom)
                {
                    var (first, second) = lines[earlier].Before(lines[later]) ? (earlier, later) : (later, earlier);
                    throw new UnitDataException(lines[second].File, lines[second].Line,
                        $"column {Array.IndexOf(UnitColumns, column) + 1} ({column}): {what} {group.Key} ({second.Name}, " +
                        $"{Period(second)}) is also used by {lines[first].Describe(lines[second])} ({first.Name}, {Period(first)}); " +
                        "the periods of one code must not overlap");
                }
            }
        }
    }

    private static void CheckParents(List<AdministrativeUnit> units, Dictionary<AdministrativeUnit, Place> lines)
    {
        var byCode = units.ToLookup(u => u.Code, StringComparer.Ordinal);
        var column = Array.IndexOf(UnitColumns, "parent_code") + 1;
        foreach (var unit in units.Where(u => u.ParentCode is not null))
        {
            var parent = byCode[unit.ParentCode!].FirstOrDefault(p => p.IsValidOn(unit.ValidFrom));
            if (parent is null)
                throw new UnitDataException(lines[unit].File, lines[unit].Line,
                    $"column {column} (parent_code): no unit with code {unit.ParentCode} is valid on {unit.ValidFrom:yyyy-MM-dd}, the first day of {unit.Name}");
            if (Rank(parent.Kind) >= Rank(unit.Kind))
                throw new UnitDataException(lines[unit].File, lines[unit].Line,
                    $"column {column} (parent_code): parent {parent.Code} ({parent.Name}) is a {parent.Kind}, which cannot contain a {unit.Kind}");
        }
    }

    private static int Rank(UnitKind kind) => kind switch
    {
        UnitKind.Province => 0,
        UnitKind.District => 1,
        _ => 2,
    };

    private static List<UnitMapping> ReadMappings(IReadOnlyList<string> files, List<AdministrativeUnit> units)
    {
        var byCode = units.ToLookup(u => u.Code, StringComparer.Ordinal);
        var mappings = new List<UnitMapping>();
        var lines = new Dictionary<(string Old, string New, DateOnly Day), Place>();
        foreach (var row in files.SelectMany(f => CsvTable.Read(f, MappingColumns, OptionalMappingColumns).Records))
        {
            var oldCode = row.Required("old_code");
            var newCode = row.Required("new_code");
            var day = row.RequiredDate("effective_from");
            var note = row.Optional("part_note");
            var match = new List<PartMatch>();
            foreach (var term in (row.Optional("part_match") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                match.Add(PartMatch.Parse(term, out var problem) ?? throw row.Fail("part_match", problem!));
            if (match.Count > 0 && note is null)
                throw row.Fail("part_note", "part_match says which part moved, so say in part_note what that part is");

            // The old unit must have ended the day before the reform and the new one exist on its first day; this is
            // what makes a mapping unambiguous although old and new units share codes.
            var lastOldDay = day.AddDays(-1);
            if (!byCode[oldCode].Any(u => u.IsValidOn(lastOldDay) && u.ValidTo == lastOldDay))
                throw row.Fail("old_code", $"no unit with code {oldCode} in {UnitsFileName} ends on {lastOldDay:yyyy-MM-dd}, the day before effective_from");
            if (!byCode[newCode].Any(u => u.IsValidOn(day) && u.ValidFrom == day))
                throw row.Fail("new_code", $"no unit with code {newCode} in {UnitsFileName} begins on {day:yyyy-MM-dd} (effective_from)");
            var place = new Place(row.File, row.Line);
            if (lines.TryGetValue((oldCode, newCode, day), out var earlier))
                throw row.Fail("new_code", $"the pair {oldCode}→{newCode} from {day:yyyy-MM-dd} is already on {earlier.Describe(place)}");
            lines[(oldCode, newCode, day)] = place;
            mappings.Add(new UnitMapping(oldCode, newCode, day, note, match));
        }

        // A split unit without part notes reads as if the whole unit went to each successor.
        foreach (var split in mappings.GroupBy(m => (m.OldCode, m.EffectiveFrom)).Where(g => g.Count() > 1))
        {
            var bare = split.FirstOrDefault(m => m.PartNote is null);
            if (bare is not null)
                throw new UnitDataException(lines[(bare.OldCode, bare.NewCode, bare.EffectiveFrom)].File, lines[(bare.OldCode, bare.NewCode, bare.EffectiveFrom)].Line,
                    $"column {Array.IndexOf(MappingColumns, "part_note") + 1} (part_note): {bare.OldCode} is split across " +
                    $"{split.Count()} new units, so each pair needs a part note saying which part went where");
        }
        return mappings;
    }

    private static string Period(AdministrativeUnit unit) =>
        $"{unit.ValidFrom:yyyy-MM-dd}..{(unit.ValidTo is { } to ? to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "open")}";

    [GeneratedRegex(@"^\d{1,6}$", RegexOptions.CultureInvariant)]
    private static partial Regex UnitCode();

    // Same alphabet as the prefix DossierCode accepts, so any agency code loaded here can head a dossier code.
    [GeneratedRegex(@"^[A-Z0-9]{1,3}(\.[A-Z0-9]{1,3}){1,5}$", RegexOptions.CultureInvariant)]
    private static partial Regex AgencyCode();
}
