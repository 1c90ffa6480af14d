namespace WorkflowHost.Procedures.Catalogue;

/// <summary>
/// The versioned procedure catalogue, loaded once from <c>workflows/procedures/*.json</c> (one file per version) and
/// read-only afterwards (safe to share between threads).
/// </summary>
/// <remarks>
/// <see cref="Load"/> guarantees that the versions of one code have distinct numbers, never overlap in time, and are
/// numbered in the order they come into force, so on any day at most one version of a code is in force.
/// </remarks>
public sealed class ProcedureCatalogue
{
    private readonly Dictionary<string, Procedure[]> _byCode;
    private readonly (Procedure Procedure, string[] Words)[] _searchable;

    private ProcedureCatalogue(IReadOnlyList<Procedure> procedures)
    {
        All = procedures;
        _byCode = procedures.GroupBy(p => p.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _searchable = procedures
            .Select(p => (p, SearchText.Words($"{p.Name} {p.NameEn} {p.Field}").Distinct().ToArray()))
            .ToArray();
    }

    /// <summary>Every version of every procedure, ordered by code, then version.</summary>
    public IReadOnlyList<Procedure> All { get; }

    /// <summary>
    /// Reads every <c>*.json</c> file of <paramref name="directory"/> (the <c>workflows/procedures</c> folder; a
    /// folder holding a <c>procedures</c> subfolder, such as <c>workflows</c>, is accepted too), each one procedure
    /// version, and checks them as the remarks on <see cref="ProcedureCatalogue"/> describe.
    /// </summary>
    /// <exception cref="CatalogueDataException">A file is missing, malformed or contradicts another; the message names
    /// the file, the JSON path and what is wrong.</exception>
    public static ProcedureCatalogue Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var folder = ResolveFolder(directory);
        if (!Directory.Exists(folder)) throw new CatalogueDataException(folder, "$", "the procedure folder does not exist");
        var files = Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new CatalogueDataException(folder, "$", "the folder holds no procedure (*.json) files");

        var loaded = files.Select(file => (File: file, Procedure: ProcedureFile.Read(file))).ToList();
        foreach (var versions in loaded.GroupBy(l => l.Procedure.Code, StringComparer.Ordinal))
        {
            var ordered = versions.OrderBy(v => v.Procedure.ValidFrom).ThenBy(v => v.Procedure.Version).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                var (earlierFile, earlier) = ordered[i - 1];
                var (file, later) = ordered[i];
                if (earlier.Version == later.Version)
                    throw new CatalogueDataException(file, "$.version",
                        $"{later.Code} version {later.Version} is also defined in {earlierFile}");
                if (earlier.ValidTo is null || earlier.ValidTo >= later.ValidFrom)
                    throw new CatalogueDataException(file, "$.validFrom",
                        $"{later.Code} version {later.Version} comes into force on {later.ValidFrom:yyyy-MM-dd}, while version " +
                        $"{earlier.Version} ({earlierFile}) is still in force " +
                        (earlier.ValidTo is { } to ? $"until {to:yyyy-MM-dd}" : "with no end date") +
                        "; versions of one procedure must not overlap");
                // A later version with a lower number would make "version 2" mean different things to different people.
                if (later.Version < earlier.Version)
                    throw new CatalogueDataException(file, "$.version",
                        $"{later.Code} version {later.Version} comes into force after version {earlier.Version} ({earlierFile}); " +
                        "number versions in the order they come into force");
            }
        }

        return new ProcedureCatalogue(loaded.Select(l => l.Procedure)
            .OrderBy(p => p.Code, StringComparer.Ordinal).ThenBy(p => p.Version).ToList());
    }

    /// <summary>The version of <paramref name="code"/> in force on <paramref name="day"/>; null when none is
    /// (unknown code, or a day before the first or after the last version).</summary>
    public Procedure? InForce(string code, DateOnly day) =>
        _byCode.TryGetValue(code, out var versions) ? versions.FirstOrDefault(p => p.IsInForceOn(day)) : null;

    /// <summary>The procedures in force on <paramref name="day"/>, one version per code, ordered by code.</summary>
    public IReadOnlyList<Procedure> InForceOn(DateOnly day) => All.Where(p => p.IsInForceOn(day)).ToList();

    /// <summary>
    /// The procedures in force on <paramref name="day"/> that match <paramref name="query"/>, ordered by code. A
    /// procedure matches when its code starts with the query, or when every word of the query begins a word of its
    /// Vietnamese name, English name or field — ignoring case and Vietnamese marks, with đ read as d, so "ket hon",
    /// "Kết hôn" and "marriage" all find Đăng ký kết hôn. A null or blank query matches every procedure in force.
    /// </summary>
    public IReadOnlyList<Procedure> Search(string? query, DateOnly day)
    {
        if (string.IsNullOrWhiteSpace(query)) return InForceOn(day);
        var trimmed = query.Trim();
        var queryWords = SearchText.Words(trimmed);
        return _searchable
            .Where(s => s.Procedure.IsInForceOn(day))
            .Where(s => s.Procedure.Code.StartsWith(trimmed, StringComparison.OrdinalIgnoreCase)
                || (queryWords.Length > 0 && queryWords.All(q => s.Words.Any(w => w.StartsWith(q, StringComparison.Ordinal)))))
            .Select(s => s.Procedure)
            .ToList();
    }

    private static string ResolveFolder(string directory)
    {
        if (Directory.Exists(directory) && Directory.EnumerateFiles(directory, "*.json").Any()) return directory;
        var nested = Path.Combine(directory, "procedures");
        return Directory.Exists(nested) ? nested : directory;
    }
}
