using System.Globalization;
using WorkflowHost.Procedures.Text;
using WorkflowHost.Procedures.Units;

namespace WorkflowHost.Procedures.Routing;

/// <summary>
/// Decides the competent and return units of a dossier from a routing table: resolves the subject's unit as of the
/// receipt day (old names lead to the unit that absorbed them; a split unit without the deciding detail is refused as
/// ambiguous), takes the first row whose conditions all hold, and refuses a procedure received outside its
/// jurisdiction unless the row (or the catalogue) puts it on the boundary-independent list. Pure and thread-safe.
/// </summary>
public sealed class Router(UnitRegistry units, UnitResolver resolver)
{
    public RoutingDecision Route(RoutingTable table, RoutingQuery query)
    {
        var explanation = new List<string>();
        var day = query.Day;
        var procedure = query.Procedure;
        explanation.Add($"Procedure {procedure.Code} v{procedure.Version} ({procedure.Name}), received at {Describe(query.Receiving)} on {day:yyyy-MM-dd}, channel {query.Channel}, applicant {query.ApplicantType}.");

        AdministrativeUnit subject;
        IReadOnlyList<AdministrativeUnit> via = [];
        if (query.Subject.IsEmpty)
        {
            subject = query.Receiving;
            explanation.Add($"No subject unit was given: the subject is taken to be in the receiving unit {Describe(subject)}.");
        }
        else
        {
            var field = string.IsNullOrWhiteSpace(query.Subject.UnitCode) ? "subject.unitName" : "subject.unitCode";
            var found = resolver.Resolve(query.Subject.Written, day, query.Subject.Address, query.Subject.Parcel);
            if (found.Unit is null)
            {
                explanation.Add($"The subject's unit '{query.Subject.Written}': {found.Problem}");
                return Refused(table, explanation, new RoutingRefusal(field, found.Problem!, null, found.Candidates));
            }
            subject = found.Unit;
            via = found.Via;
            explanation.Add(via.Count == 0
                ? $"The subject is in {Describe(subject)}."
                : $"The subject's unit as written, '{query.Subject.Written}', was {string.Join(" → ", via.Select(Describe))}; since {subject.ValidFrom:yyyy-MM-dd} it is part of {Describe(subject)}" +
                  (found.Decided is { } d ? $" (the part decided by '{d}')." : "."));
        }

        var field0 = VietnameseText.Fold(procedure.Field);
        var rule = table.Rules.FirstOrDefault(r => Matches(r, query, subject, field0));
        if (rule is null)
        {
            var reason = $"No row of routing table {table.Province} v{table.Version} matches procedure {procedure.Code} for a subject in {Describe(subject)} " +
                         $"received at {Describe(query.Receiving)} on {day:yyyy-MM-dd}; ask the process owner to add one.";
            explanation.Add(reason);
            return Refused(table, explanation, new RoutingRefusal("procedureCode", reason), subject, via);
        }
        explanation.Add($"Row '{rule.Id}' of routing table {table.Province} v{table.Version} is the first that matches{(rule.Note is { } n ? $": {n}" : ".")}");

        AdministrativeUnit? competent;
        switch (rule.Competent)
        {
            case CompetentKind.Subject:
                competent = subject;
                explanation.Add($"Competent: the subject's unit, {Describe(subject)}.");
                break;
            case CompetentKind.SubjectDistrict:
                competent = subject.Kind == UnitKind.District ? subject : subject.ParentCode is { } p ? units.Find(p, day) : null;
                if (competent is null || competent.Kind != UnitKind.District)
                {
                    var reason = $"Row '{rule.Id}' makes the subject's district competent, but {Describe(subject)} belongs to no district on {day:yyyy-MM-dd}.";
                    explanation.Add(reason);
                    return Refused(table, explanation, new RoutingRefusal("subject.unitCode", reason), subject, via, rule);
                }
                explanation.Add($"Competent: the subject's district, {Describe(competent)}.");
                break;
            case CompetentKind.LandBranch:
                var branch = table.LandBranches.FirstOrDefault(b => b.Serves.Contains(subject.Code));
                competent = branch is null ? null : units.Find(branch.Unit, day);
                if (branch is null || competent is null)
                {
                    var reason = $"No land registration branch of table v{table.Version} serves {Describe(subject)}.";
                    explanation.Add(reason);
                    return Refused(table, explanation, new RoutingRefusal("subject.unitCode", reason), subject, via, rule);
                }
                explanation.Add($"Competent: {branch.Name}, the land registration branch for {Describe(subject)}, worked at {Describe(competent)}.");
                break;
            default:
                competent = units.Find(rule.CompetentUnit!, day);
                if (competent is null)
                {
                    var reason = $"Row '{rule.Id}' names competent unit {rule.CompetentUnit}, which does not exist on {day:yyyy-MM-dd}.";
                    explanation.Add(reason);
                    return Refused(table, explanation, new RoutingRefusal("procedureCode", reason), subject, via, rule);
                }
                explanation.Add($"Competent: {Describe(competent)}, fixed by the row.");
                break;
        }

        var anywhere = rule.ReceivableAnywhere ?? procedure.BoundaryIndependent;
        var inJurisdiction = competent.Code == query.Receiving.Code || query.Receiving.ParentCode == competent.Code;
        if (!inJurisdiction)
        {
            if (!anywhere)
            {
                var reason = $"{procedure.Name} ({procedure.Code}) is not on the province's list of procedures received regardless of administrative boundary, " +
                             $"and its competent unit is {Describe(competent)}, not {Describe(query.Receiving)}: file it at the centre of {Describe(competent)}.";
                explanation.Add(reason);
                return Refused(table, explanation, new RoutingRefusal("receivingUnit", reason, competent), subject, via, rule, competent);
            }
            explanation.Add($"Received outside its jurisdiction: allowed, the procedure is on the province's boundary-independent list{(rule.ReceivableAnywhere is null ? " (catalogue)" : $" (row '{rule.Id}')")}.");
        }

        var returnUnit = rule.Return switch
        {
            ReturnKind.Competent => competent,
            ReturnKind.Fixed => units.Find(rule.ReturnUnit!, day),
            _ => query.Receiving,
        };
        if (returnUnit is null)
        {
            var reason = $"Row '{rule.Id}' returns results at unit {rule.ReturnUnit}, which does not exist on {day:yyyy-MM-dd}.";
            explanation.Add(reason);
            return Refused(table, explanation, new RoutingRefusal("returnUnit", reason), subject, via, rule, competent);
        }
        explanation.Add($"Result returned at {Describe(returnUnit)} ({rule.Return switch { ReturnKind.Competent => "the competent unit", ReturnKind.Fixed => "fixed by the row", _ => "where it was received" }}), unless the applicant chooses another.");
        return new RoutingDecision(true, subject, via, competent, returnUnit, rule, table.Version, anywhere, explanation, null);
    }

    /// <summary>The first version selection rule for the dossier; null when the procedure's own process runs.</summary>
    public static VersionRule? SelectVersion(RoutingTable table, string procedureCode, DateOnly day, string receivingUnit, string competentUnit) =>
        table.VersionRules.FirstOrDefault(v => v.Matches(procedureCode, day, receivingUnit, competentUnit));

    /// <summary>"phường Hải Châu (20242)": the kind word as on a Vietnamese paper, the name, the code.</summary>
    public static string Describe(AdministrativeUnit unit) => $"{KindWord(unit.Kind)} {unit.Name} ({unit.Code})";

    public static string KindWord(UnitKind kind) => kind switch
    {
        UnitKind.Province => "tỉnh/thành phố",
        UnitKind.District => "quận/huyện",
        UnitKind.Ward => "phường",
        UnitKind.Commune => "xã",
        _ => "đặc khu",
    };

    private static bool Matches(RoutingRule rule, RoutingQuery query, AdministrativeUnit subject, string foldedField) =>
        rule.CoversDay(query.Day)
        && (rule.ProcedureCodes.Count == 0 || rule.ProcedureCodes.Contains(query.Procedure.Code))
        && (rule.Fields.Count == 0 || rule.Fields.Any(f => VietnameseText.Fold(f) == foldedField))
        && (rule.SubjectUnits.Count == 0 || rule.SubjectUnits.Contains(subject.Code))
        && (rule.ApplicantTypes.Count == 0 || rule.ApplicantTypes.Contains(query.ApplicantType))
        && (rule.Channels.Count == 0 || rule.Channels.Contains(query.Channel))
        && (rule.ReceivingUnits.Count == 0 || rule.ReceivingUnits.Contains(query.Receiving.Code));

    private static RoutingDecision Refused(RoutingTable table, List<string> explanation, RoutingRefusal refusal, AdministrativeUnit? subject = null,
        IReadOnlyList<AdministrativeUnit>? via = null, RoutingRule? rule = null, AdministrativeUnit? competent = null) =>
        new(false, subject, via ?? [], competent, null, rule, table.Version, false, explanation, refusal);
}
