using System.Globalization;
using Microsoft.Extensions.Localization;
using WorkflowHost.Engine.Localization;
using WorkflowHost.Procedures.Localization;
using WorkflowHost.Procedures.Text;
using WorkflowHost.Procedures.Units;

namespace WorkflowHost.Procedures.Routing;

/// <summary>
/// Decides the competent and return units of a dossier from a routing table: resolves the subject's unit as of the
/// receipt day (old names lead to the unit that absorbed them; a split unit without the deciding detail is refused as
/// ambiguous), takes the first row whose conditions all hold, and refuses a procedure received outside its
/// jurisdiction unless the row (or the catalogue) puts it on the boundary-independent list. Pure and thread-safe.
/// Its explanation and refusals are in the caller's UI language (<see cref="RoutingMessages"/>; English without one).
/// </summary>
public sealed class Router(UnitRegistry units, UnitResolver resolver, IStringLocalizer<RoutingMessages>? messages = null)
{
    private readonly IStringLocalizer<RoutingMessages> L = messages ?? EnglishMessages<RoutingMessages>.Instance;

    public RoutingDecision Route(RoutingTable table, RoutingQuery query)
    {
        var explanation = new List<string>();
        var day = query.Day;
        var procedure = query.Procedure;
        explanation.Add(L["Procedure {0} v{1} ({2}), received at {3} on {4:yyyy-MM-dd}, channel {5}, applicant {6}.",
            procedure.Code, procedure.Version, procedure.Name, Describe(query.Receiving), day, ChannelWord(query.Channel), ApplicantWord(query.ApplicantType)]);

        AdministrativeUnit subject;
        IReadOnlyList<AdministrativeUnit> via = [];
        if (query.Subject.IsEmpty)
        {
            subject = query.Receiving;
            explanation.Add(L["No subject unit was given: the subject is taken to be in the receiving unit {0}.", Describe(subject)]);
        }
        else
        {
            var field = string.IsNullOrWhiteSpace(query.Subject.UnitCode) ? "subject.unitName" : "subject.unitCode";
            var found = resolver.Resolve(query.Subject.Written, day, query.Subject.Address, query.Subject.Parcel);
            if (found.Unit is null)
            {
                explanation.Add(L["The subject's unit '{0}': {1}", query.Subject.Written ?? "", found.Problem!]);
                return Refused(table, explanation, new RoutingRefusal(field, found.Problem!, null, found.Candidates));
            }
            subject = found.Unit;
            via = found.Via;
            explanation.Add(via.Count == 0
                ? L["The subject is in {0}.", Describe(subject)]
                : found.Decided is { } d
                    ? L["The subject's unit as written, '{0}', was {1}; since {2:yyyy-MM-dd} it is part of {3} (the part decided by '{4}').",
                        query.Subject.Written ?? "", string.Join(" → ", via.Select(Describe)), subject.ValidFrom, Describe(subject), d]
                    : L["The subject's unit as written, '{0}', was {1}; since {2:yyyy-MM-dd} it is part of {3}.",
                        query.Subject.Written ?? "", string.Join(" → ", via.Select(Describe)), subject.ValidFrom, Describe(subject)]);
        }

        var field0 = VietnameseText.Fold(procedure.Field);
        var rule = table.Rules.FirstOrDefault(r => Matches(r, query, subject, field0));
        if (rule is null)
        {
            string reason = L["No row of routing table {0} v{1} matches procedure {2} for a subject in {3} received at {4} on {5:yyyy-MM-dd}; ask the process owner to add one.",
                table.Province, table.Version, procedure.Code, Describe(subject), Describe(query.Receiving), day];
            explanation.Add(reason);
            return Refused(table, explanation, new RoutingRefusal("procedureCode", reason), subject, via);
        }
        explanation.Add(rule.Note is { } n
            ? L["Row '{0}' of routing table {1} v{2} is the first that matches: {3}", rule.Id, table.Province, table.Version, n]
            : L["Row '{0}' of routing table {1} v{2} is the first that matches.", rule.Id, table.Province, table.Version]);

        AdministrativeUnit? competent;
        switch (rule.Competent)
        {
            case CompetentKind.Subject:
                competent = subject;
                explanation.Add(L["Competent: the subject's unit, {0}.", Describe(subject)]);
                break;
            case CompetentKind.SubjectDistrict:
                competent = subject.Kind == UnitKind.District ? subject : subject.ParentCode is { } p ? units.Find(p, day) : null;
                if (competent is null || competent.Kind != UnitKind.District)
                {
                    string reason = L["Row '{0}' makes the subject's district competent, but {1} belongs to no district on {2:yyyy-MM-dd}.", rule.Id, Describe(subject), day];
                    explanation.Add(reason);
                    return Refused(table, explanation, new RoutingRefusal("subject.unitCode", reason), subject, via, rule);
                }
                explanation.Add(L["Competent: the subject's district, {0}.", Describe(competent)]);
                break;
            case CompetentKind.LandBranch:
                var branch = table.LandBranches.FirstOrDefault(b => b.Serves.Contains(subject.Code));
                competent = branch is null ? null : units.Find(branch.Unit, day);
                if (branch is null || competent is null)
                {
                    string reason = L["No land registration branch of table v{0} serves {1}.", table.Version, Describe(subject)];
                    explanation.Add(reason);
                    return Refused(table, explanation, new RoutingRefusal("subject.unitCode", reason), subject, via, rule);
                }
                explanation.Add(L["Competent: {0}, the land registration branch for {1}, worked at {2}.", branch.Name, Describe(subject), Describe(competent)]);
                break;
            default:
                competent = units.Find(rule.CompetentUnit!, day);
                if (competent is null)
                {
                    string reason = L["Row '{0}' names competent unit {1}, which does not exist on {2:yyyy-MM-dd}.", rule.Id, rule.CompetentUnit!, day];
                    explanation.Add(reason);
                    return Refused(table, explanation, new RoutingRefusal("procedureCode", reason), subject, via, rule);
                }
                explanation.Add(L["Competent: {0}, fixed by the row.", Describe(competent)]);
                break;
        }

        var anywhere = rule.ReceivableAnywhere ?? procedure.BoundaryIndependent;
        var inJurisdiction = competent.Code == query.Receiving.Code || query.Receiving.ParentCode == competent.Code;
        if (!inJurisdiction)
        {
            if (!anywhere)
            {
                string reason = L["{0} ({1}) is not on the province's list of procedures received regardless of administrative boundary, and its competent unit is {2}, not {3}: file it at the centre of {2}.",
                    procedure.Name, procedure.Code, Describe(competent), Describe(query.Receiving)];
                explanation.Add(reason);
                return Refused(table, explanation, new RoutingRefusal("receivingUnit", reason, competent), subject, via, rule, competent);
            }
            explanation.Add(rule.ReceivableAnywhere is null
                ? L["Received outside its jurisdiction: allowed, the procedure is on the province's boundary-independent list (catalogue)."]
                : L["Received outside its jurisdiction: allowed, the procedure is on the province's boundary-independent list (row '{0}').", rule.Id]);
        }

        var returnUnit = rule.Return switch
        {
            ReturnKind.Competent => competent,
            ReturnKind.Fixed => units.Find(rule.ReturnUnit!, day),
            _ => query.Receiving,
        };
        if (returnUnit is null)
        {
            string reason = L["Row '{0}' returns results at unit {1}, which does not exist on {2:yyyy-MM-dd}.", rule.Id, rule.ReturnUnit!, day];
            explanation.Add(reason);
            return Refused(table, explanation, new RoutingRefusal("returnUnit", reason), subject, via, rule, competent);
        }
        explanation.Add(rule.Return switch
        {
            ReturnKind.Competent => L["Result returned at {0} (the competent unit), unless the applicant chooses another.", Describe(returnUnit)],
            ReturnKind.Fixed => L["Result returned at {0} (fixed by the row), unless the applicant chooses another.", Describe(returnUnit)],
            _ => L["Result returned at {0} (where it was received), unless the applicant chooses another.", Describe(returnUnit)],
        });
        return new RoutingDecision(true, subject, via, competent, returnUnit, rule, table.Version, anywhere, explanation, null);
    }

    private string ChannelWord(int channel) => channel switch
    {
        1 => L["in person"],
        2 => L["online"],
        3 => L["by post"],
        _ => channel.ToString(CultureInfo.InvariantCulture),
    };

    private string ApplicantWord(string type) => type switch
    {
        "citizen" => L["citizen"],
        "organisation" => L["organisation"],
        "householdBusiness" => L["household business"],
        _ => type,
    };

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
