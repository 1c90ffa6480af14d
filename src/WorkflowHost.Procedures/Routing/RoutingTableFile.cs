using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkflowHost.Procedures.Routing;

/// <summary>
/// The JSON form of a routing table: the files in <c>workflows/routing/</c> and what the web app saves. Unknown
/// properties are refused, so a misspelt condition cannot silently match everything.
/// </summary>
public static class RoutingTableFile
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Parses a table; the problems name the JSON path. Shape only — <see cref="RoutingTableCheck"/> checks meaning.</summary>
    /// <exception cref="RoutingTableException">The text is not a routing table.</exception>
    public static RoutingTable Parse(string json)
    {
        TableDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize<TableDto>(json, Options);
        }
        catch (JsonException e)
        {
            throw new RoutingTableException([new RoutingProblem(e.Path ?? "$", null, e.Message.Split(" Path:")[0], true)]);
        }
        if (dto is null) throw new RoutingTableException([new RoutingProblem("$", null, "The table is empty.", true)]);
        return FromDto(dto);
    }

    public static RoutingTable FromDto(TableDto dto)
    {
        var problems = new List<RoutingProblem>();
        var rules = new List<RoutingRule>();
        for (var i = 0; i < (dto.Rules?.Count ?? 0); i++)
        {
            var r = dto.Rules![i];
            var path = $"$.rules[{i}]";
            var id = r.Id?.Trim() ?? "";
            var competent = Enum(r.Competent ?? "subject", CompetentWords, $"{path}.competent", id, problems);
            var ret = Enum(r.ReturnUnit is { Length: > 0 } && !ReturnWords.ContainsKey(r.ReturnUnit) ? "fixed" : r.ReturnUnit ?? "receiving", ReturnWords, $"{path}.returnUnit", id, problems);
            rules.Add(new RoutingRule(id, List(r.ProcedureCodes), List(r.Fields), List(r.SubjectUnits), List(r.ApplicantTypes), r.Channels ?? [],
                List(r.ReceivingUnits), Day(r.From, $"{path}.from", id, problems), Day(r.To, $"{path}.to", id, problems),
                competent ?? CompetentKind.Subject, Blank(r.CompetentUnit), ret ?? ReturnKind.Receiving,
                ret == ReturnKind.Fixed ? r.ReturnUnit : null, r.ReceivableAnywhere, Blank(r.Note)));
        }
        var versions = new List<VersionRule>();
        for (var i = 0; i < (dto.VersionRules?.Count ?? 0); i++)
        {
            var v = dto.VersionRules![i];
            var path = $"$.versionRules[{i}]";
            versions.Add(new VersionRule(v.Id?.Trim() ?? "", v.ProcedureCode?.Trim() ?? "", Day(v.From, $"{path}.from", v.Id, problems), Day(v.To, $"{path}.to", v.Id, problems),
                List(v.ReceivingUnits), List(v.CompetentUnits), v.ProcessKey?.Trim() ?? "", v.ProcessVersion, Blank(v.Note)));
        }
        var branches = (dto.LandBranches ?? []).Select(b => new LandBranch(b.Name?.Trim() ?? "", b.Unit?.Trim() ?? "", List(b.Serves))).ToList();
        if (problems.Count > 0) throw new RoutingTableException(problems);
        return new RoutingTable(dto.Province?.Trim() ?? "", dto.Version ?? 0, rules, branches, versions, Blank(dto.Note));
    }

    public static TableDto ToDto(RoutingTable table) => new()
    {
        Province = table.Province, Version = table.Version, Note = table.Note,
        Rules = table.Rules.Select(r => new RuleDto
        {
            Id = r.Id, ProcedureCodes = [.. r.ProcedureCodes], Fields = [.. r.Fields], SubjectUnits = [.. r.SubjectUnits], ApplicantTypes = [.. r.ApplicantTypes],
            Channels = [.. r.Channels], ReceivingUnits = [.. r.ReceivingUnits], From = Text(r.From), To = Text(r.To),
            Competent = CompetentWords.First(w => w.Value == r.Competent).Key, CompetentUnit = r.CompetentUnit,
            ReturnUnit = r.Return == ReturnKind.Fixed ? r.ReturnUnit : ReturnWords.First(w => w.Value == r.Return).Key,
            ReceivableAnywhere = r.ReceivableAnywhere, Note = r.Note,
        }).ToList(),
        LandBranches = table.LandBranches.Select(b => new BranchDto { Name = b.Name, Unit = b.Unit, Serves = [.. b.Serves] }).ToList(),
        VersionRules = table.VersionRules.Select(v => new VersionRuleDto
        {
            Id = v.Id, ProcedureCode = v.ProcedureCode, From = Text(v.From), To = Text(v.To), ReceivingUnits = [.. v.ReceivingUnits],
            CompetentUnits = [.. v.CompetentUnits], ProcessKey = v.ProcessKey, ProcessVersion = v.ProcessVersion, Note = v.Note,
        }).ToList(),
    };

    public static string Write(RoutingTable table) => JsonSerializer.Serialize(ToDto(table), Options);

    internal static readonly Dictionary<string, CompetentKind> CompetentWords = new(StringComparer.Ordinal)
    {
        ["fixed"] = CompetentKind.Fixed, ["subject"] = CompetentKind.Subject, ["subjectDistrict"] = CompetentKind.SubjectDistrict, ["landBranch"] = CompetentKind.LandBranch,
    };

    internal static readonly Dictionary<string, ReturnKind> ReturnWords = new(StringComparer.Ordinal)
    {
        ["receiving"] = ReturnKind.Receiving, ["competent"] = ReturnKind.Competent, ["fixed"] = ReturnKind.Fixed,
    };

    private static T? Enum<T>(string word, Dictionary<string, T> words, string path, string? rule, List<RoutingProblem> problems) where T : struct
    {
        if (words.TryGetValue(word, out var value)) return value;
        problems.Add(new RoutingProblem(path, rule, $"'{word}' is not one of {string.Join(", ", words.Keys)}.", true));
        return null;
    }

    private static DateOnly? Day(string? text, string path, string? rule, List<RoutingProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        problems.Add(new RoutingProblem(path, rule, $"'{text}' is not a date of the form yyyy-MM-dd.", true));
        return null;
    }

    private static string? Text(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static List<string> List(List<string>? values) =>
        (values ?? []).Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The JSON shape, shared with the web app's editor.</summary>
    public sealed class TableDto
    {
        public string? Province { get; set; }
        public int? Version { get; set; }
        public string? Note { get; set; }
        public List<RuleDto>? Rules { get; set; }
        public List<BranchDto>? LandBranches { get; set; }
        public List<VersionRuleDto>? VersionRules { get; set; }
    }

    public sealed class RuleDto
    {
        public string? Id { get; set; }
        public List<string>? ProcedureCodes { get; set; }
        public List<string>? Fields { get; set; }
        public List<string>? SubjectUnits { get; set; }
        public List<string>? ApplicantTypes { get; set; }
        public List<int>? Channels { get; set; }
        public List<string>? ReceivingUnits { get; set; }
        public string? From { get; set; }
        public string? To { get; set; }
        /// <summary>fixed, subject, subjectDistrict or landBranch.</summary>
        public string? Competent { get; set; }
        public string? CompetentUnit { get; set; }
        /// <summary>receiving, competent, or a unit code.</summary>
        public string? ReturnUnit { get; set; }
        public bool? ReceivableAnywhere { get; set; }
        public string? Note { get; set; }
    }

    public sealed class BranchDto
    {
        public string? Name { get; set; }
        public string? Unit { get; set; }
        public List<string>? Serves { get; set; }
    }

    public sealed class VersionRuleDto
    {
        public string? Id { get; set; }
        public string? ProcedureCode { get; set; }
        public string? From { get; set; }
        public string? To { get; set; }
        public List<string>? ReceivingUnits { get; set; }
        public List<string>? CompetentUnits { get; set; }
        public string? ProcessKey { get; set; }
        public int? ProcessVersion { get; set; }
        public string? Note { get; set; }
    }
}

/// <summary>A problem of a routing table, at a JSON path and (when known) a rule id; errors block a save, warnings are reported.</summary>
public sealed record RoutingProblem(string Path, string? Rule, string Message, bool IsError);

/// <summary>A routing table cannot be used; <see cref="Problems"/> names each place.</summary>
public sealed class RoutingTableException(IReadOnlyList<RoutingProblem> problems)
    : Exception(string.Join("; ", problems.Select(p => $"{p.Path}: {p.Message}")))
{
    public IReadOnlyList<RoutingProblem> Problems { get; } = problems;
}
