using WorkflowHost.Procedures.Catalogue;
using WorkflowHost.Procedures.Text;
using WorkflowHost.Procedures.Units;

namespace WorkflowHost.Procedures.Routing;

/// <summary>
/// Checks a routing table before it is saved: every id, unit and procedure it names exists when the row applies
/// (errors), and which rows overlap (warnings: the earlier row wins where both match) or can never match because an
/// earlier row covers them entirely (errors: a row nobody can reach is a mistake, not a preference).
/// </summary>
public static class RoutingTableCheck
{
    private static readonly string[] ApplicantTypes = ["citizen", "organisation", "householdBusiness"];

    public static IReadOnlyList<RoutingProblem> Check(RoutingTable table, UnitRegistry units, ProcedureCatalogue procedures)
    {
        var problems = new List<RoutingProblem>();
        void Error(string path, string? rule, string message) => problems.Add(new RoutingProblem(path, rule, message, true));

        if (string.IsNullOrWhiteSpace(table.Province) || !units.All.Any(u => u.Code == table.Province && u.Kind == UnitKind.Province))
            Error("$.province", null, $"'{table.Province}' is not the code of a province in the unit data.");
        if (table.Rules.Count == 0) Error("$.rules", null, "The table has no rows; every dossier would be refused at the desk.");

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < table.Rules.Count; i++)
        {
            var r = table.Rules[i];
            var path = $"$.rules[{i}]";
            var rule = r.Id.Length > 0 ? r.Id : null;
            if (r.Id.Length == 0) Error($"{path}.id", null, $"Row {i + 1} has no id; give it a short name (the dossier records it).");
            else if (!ids.Add(r.Id)) Error($"{path}.id", rule, $"The id '{r.Id}' is used by an earlier row.");
            if (r.From is { } from && r.To is { } to && to < from) Error($"{path}.to", rule, $"{to:yyyy-MM-dd} is before from {from:yyyy-MM-dd}.");
            foreach (var code in r.ProcedureCodes.Where(c => !procedures.All.Any(p => p.Code == c)))
                Error($"{path}.procedureCodes", rule, $"No procedure has code '{code}'.");
            foreach (var field in r.Fields.Where(f => !procedures.All.Any(p => VietnameseText.Fold(p.Field) == VietnameseText.Fold(f))))
                Error($"{path}.fields", rule, $"No procedure is in the field '{field}'.");
            foreach (var type in r.ApplicantTypes.Where(t => !ApplicantTypes.Contains(t)))
                Error($"{path}.applicantTypes", rule, $"'{type}' is not citizen, organisation or householdBusiness.");
            foreach (var channel in r.Channels.Where(c => c is not (1 or 2 or 3)))
                Error($"{path}.channels", rule, $"Channel {channel} is not 1 (in person), 2 (online) or 3 (post).");
            CheckUnits(r.SubjectUnits, r, $"{path}.subjectUnits", units, Error);
            CheckUnits(r.ReceivingUnits, r, $"{path}.receivingUnits", units, Error);
            if (r.Competent == CompetentKind.Fixed)
            {
                if (r.CompetentUnit is null) Error($"{path}.competentUnit", rule, "A fixed competent unit needs its code.");
                else CheckUnits([r.CompetentUnit], r, $"{path}.competentUnit", units, Error);
            }
            else if (r.CompetentUnit is not null)
                Error($"{path}.competentUnit", rule, "Only a fixed competent unit names a code; leave it empty or choose 'fixed'.");
            if (r.Competent == CompetentKind.LandBranch && table.LandBranches.Count == 0)
                Error($"{path}.competent", rule, "The table lists no land registration branches.");
            if (r.Return == ReturnKind.Fixed) CheckUnits([r.ReturnUnit!], r, $"{path}.returnUnit", units, Error);
        }

        for (var j = 1; j < table.Rules.Count; j++)
        for (var i = 0; i < j; i++)
        {
            var (earlier, later) = (table.Rules[i], table.Rules[j]);
            if (!Overlap(earlier, later)) continue;
            var path = $"$.rules[{j}]";
            if (Covers(earlier, later))
            {
                Error(path, later.Id, $"Row {j + 1} ('{later.Id}') can never match: row {i + 1} ('{earlier.Id}') comes first and matches everything it does.");
                break;
            }
            problems.Add(new RoutingProblem(path, later.Id,
                $"Row {j + 1} ('{later.Id}') overlaps row {i + 1} ('{earlier.Id}'); where both match, row {i + 1} wins.", false));
        }

        for (var b = 0; b < table.LandBranches.Count; b++)
        {
            var branch = table.LandBranches[b];
            if (branch.Name.Length == 0) Error($"$.landBranches[{b}].name", null, "Name the branch.");
            if (!units.All.Any(u => u.Code == branch.Unit)) Error($"$.landBranches[{b}].unit", null, $"No unit has code '{branch.Unit}'.");
            foreach (var code in branch.Serves.Where(c => !units.All.Any(u => u.Code == c)))
                Error($"$.landBranches[{b}].serves", null, $"No unit has code '{code}'.");
        }

        var versionIds = new HashSet<string>(StringComparer.Ordinal);
        for (var v = 0; v < table.VersionRules.Count; v++)
        {
            var rule = table.VersionRules[v];
            var path = $"$.versionRules[{v}]";
            if (rule.Id.Length == 0) Error($"{path}.id", null, $"Version rule {v + 1} has no id.");
            else if (!versionIds.Add(rule.Id)) Error($"{path}.id", rule.Id, $"The id '{rule.Id}' is used by an earlier version rule.");
            if (!procedures.All.Any(p => p.Code == rule.ProcedureCode)) Error($"{path}.procedureCode", rule.Id, $"No procedure has code '{rule.ProcedureCode}'.");
            if (rule.ProcessKey.Length == 0) Error($"{path}.processKey", rule.Id, "Name the process (its BPMN id) the dossier runs on.");
            if (rule.From is { } from && rule.To is { } to && to < from) Error($"{path}.to", rule.Id, $"{to:yyyy-MM-dd} is before from {from:yyyy-MM-dd}.");
            foreach (var code in rule.ReceivingUnits.Concat(rule.CompetentUnits).Where(c => !units.All.Any(u => u.Code == c)))
                Error(path, rule.Id, $"No unit has code '{code}'.");
        }
        return problems;
    }

    // A code must name a unit that exists on some day the row applies; a code valid only before the row starts (or after
    // it ends) is almost always an old ward written where the new one was meant.
    private static void CheckUnits(IEnumerable<string> codes, RoutingRule rule, string path, UnitRegistry units, Action<string, string?, string> error)
    {
        foreach (var code in codes)
        {
            var periods = units.All.Where(u => u.Code == code).ToList();
            if (periods.Count == 0) { error(path, rule.Id, $"No unit has code '{code}'."); continue; }
            var from = rule.From ?? DateOnly.MinValue;
            var to = rule.To ?? DateOnly.MaxValue;
            if (!periods.Any(u => u.ValidFrom <= to && (u.ValidTo is null || u.ValidTo >= from)))
                error(path, rule.Id, $"Unit {code} ({string.Join(", ", periods.Select(p => $"{p.Name} {p.ValidFrom:yyyy-MM-dd}..{p.ValidTo:yyyy-MM-dd}"))}) does not exist while the row applies.");
        }
    }

    private static bool Overlap(RoutingRule a, RoutingRule b) =>
        Meet(a.ProcedureCodes, b.ProcedureCodes) && Meet(a.Fields, b.Fields) && Meet(a.SubjectUnits, b.SubjectUnits)
        && Meet(a.ApplicantTypes, b.ApplicantTypes) && Meet(a.Channels, b.Channels) && Meet(a.ReceivingUnits, b.ReceivingUnits)
        && (a.From ?? DateOnly.MinValue) <= (b.To ?? DateOnly.MaxValue) && (b.From ?? DateOnly.MinValue) <= (a.To ?? DateOnly.MaxValue);

    // Codes and fields are different dimensions, so "a covers b" is only claimed when each dimension on its own covers;
    // a row conditioned on a field next to one conditioned on a code may still overlap, which is only a warning.
    private static bool Covers(RoutingRule a, RoutingRule b) =>
        Within(b.ProcedureCodes, a.ProcedureCodes) && Within(b.Fields, a.Fields) && Within(b.SubjectUnits, a.SubjectUnits)
        && Within(b.ApplicantTypes, a.ApplicantTypes) && Within(b.Channels, a.Channels) && Within(b.ReceivingUnits, a.ReceivingUnits)
        && (a.From ?? DateOnly.MinValue) <= (b.From ?? DateOnly.MinValue) && (b.To ?? DateOnly.MaxValue) <= (a.To ?? DateOnly.MaxValue);

    private static bool Meet<T>(IReadOnlyList<T> a, IReadOnlyList<T> b) => a.Count == 0 || b.Count == 0 || a.Intersect(b).Any();

    private static bool Within<T>(IReadOnlyList<T> inner, IReadOnlyList<T> outer) => outer.Count == 0 || (inner.Count > 0 && inner.All(outer.Contains));
}
