using WorkflowHost.Procedures.Catalogue;
using WorkflowHost.Procedures.Routing;
using WorkflowHost.Procedures.Units;
using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Services;

/// <summary>
/// Routes a dossier as the desk is about to receive it: the receiving unit's province table, the procedure in force
/// on the receipt day, the router's decision and the version selection. The same answer backs the desk's
/// explanation, the "try it" box and the receipt itself, so what a clerk was shown is what the dossier gets.
/// </summary>
public sealed class RoutingService(OneStopData data, RoutingTables tables, Router router, TimeProvider clock)
{
    /// <summary>A routing decision with the facts it was made from, for the receipt to record.</summary>
    public sealed record Routed(RoutingDecision Decision, RoutingTable Table, Procedure Procedure, AdministrativeUnit Receiving, VersionRule? VersionRule);

    public async Task<RoutingResolution> ResolveAsync(RoutingResolveRequest request, CancellationToken ct)
    {
        var routed = await RouteAsync(request, ct);
        return View(routed);
    }

    /// <summary>Routes <paramref name="request"/>; invalid input (unknown procedure or unit, bad channel or applicant type) answers 422.</summary>
    public async Task<Routed> RouteAsync(RoutingResolveRequest request, CancellationToken ct)
    {
        var at = request.At ?? clock.GetUtcNow();
        var day = data.DayOf(at);
        var errors = new List<FieldError>();
        Procedure? procedure = null;
        if (string.IsNullOrWhiteSpace(request.ProcedureCode)) errors.Add(Field("procedureCode", "Choose the procedure."));
        else if ((procedure = data.Procedures.InForce(request.ProcedureCode, day)) is null)
            errors.Add(Field("procedureCode", $"No procedure with code '{request.ProcedureCode}' is in force on {day:yyyy-MM-dd}."));
        var receiving = data.Unit(request.ReceivingUnit, at);
        if (string.IsNullOrWhiteSpace(request.ReceivingUnit)) errors.Add(Field("receivingUnit", "Name the receiving unit."));
        else if (receiving is null) errors.Add(Field("receivingUnit", $"No unit has code '{request.ReceivingUnit}' on {day:yyyy-MM-dd}."));
        if (request.Channel is not (1 or 2 or 3)) errors.Add(Field("channel", "Channel must be 1 (in person), 2 (online) or 3 (post)."));
        if (request.ApplicantType is not ("citizen" or "organisation" or "householdBusiness"))
            errors.Add(Field("applicantType", "Applicant type must be citizen, organisation or householdBusiness."));
        if (request.Subject is { UnitName.Length: > 200 }) errors.Add(Field("subject.unitName", "The unit name is longer than 200 characters."));
        if (errors.Count > 0) throw new InvalidInputException("The dossier cannot be routed; see errors.", errors);

        var province = ProvinceOf(receiving!, day);
        var table = province is null ? null : request.Table is { } draft ? Draft(province.Code, draft) : await tables.CurrentAsync(province.Code, ct);
        if (table is null)
            throw new InvalidInputException($"No routing table is saved for the province of {Router.Describe(receiving!)}; a process owner must save one first.",
                [Field("receivingUnit", $"No routing table is saved for the province of {Router.Describe(receiving!)}.")]);
        var subject = request.Subject ?? new RoutingSubjectInput(null, null, null, null);
        var decision = router.Route(table, new RoutingQuery(procedure!, new SubjectLocation(subject.UnitCode, subject.UnitName, subject.Address, subject.Parcel),
            request.ApplicantType!, request.Channel!.Value, receiving!, day));
        var versionRule = decision.Allowed ? Router.SelectVersion(table, procedure!.Code, day, receiving!.Code, decision.Competent!.Code) : null;
        if (versionRule is not null)
            decision = decision with { Explanation = [.. decision.Explanation, $"Version rule '{versionRule.Id}' chooses process {versionRule.ProcessKey}" +
                (versionRule.ProcessVersion is { } v ? $" v{v}" : " (its published version)") + (versionRule.Note is { } n ? $": {n}" : ".")] };
        else if (decision.Allowed)
            decision = decision with { Explanation = [.. decision.Explanation, $"No version rule applies: the procedure's own process {procedure!.ProcessKey} runs."] };
        return new Routed(decision, table, procedure!, receiving!, versionRule);
    }

    // A draft is checked like a save, so "try it" never answers from a table that could not be saved.
    private RoutingTable Draft(string province, RoutingTableFile.TableDto dto)
    {
        RoutingTable table;
        try
        {
            table = RoutingTableFile.FromDto(dto) with { Province = province };
        }
        catch (RoutingTableException e)
        {
            throw new InvalidInputException("The draft routing table is malformed; see errors.", e.Problems.Select(p => new FieldError(p.Rule, "routingRule", p.Message, "table" + p.Path[1..])).ToList());
        }
        var errors = tables.Check(province, table).Where(p => p.Severity == "error").ToList();
        if (errors.Count > 0)
            throw new InvalidInputException("The draft routing table has errors; see errors.", errors.Select(p => new FieldError(p.Rule, "routingRule", p.Message, "table" + p.Path[1..])).ToList());
        return table;
    }

    public RoutingResolution View(Routed routed)
    {
        var (decision, table, procedure, _, versionRule) = routed;
        var refusal = decision.Refusal is { } r
            ? new RoutingRefusalView(r.Field, r.Reason, r.CompetentCentre is { } c ? Ref(c) : null,
                r.Candidates?.Select(k => new UnitCandidateView(Ref(k.Unit), k.Via.Select(Ref).ToList(), k.PartNote)).ToList())
            : null;
        return new RoutingResolution(decision.Allowed, decision.Subject is { } s ? Ref(s) : null, decision.SubjectVia.Select(Ref).ToList(),
            decision.Competent is { } comp ? Ref(comp) : null, decision.Return is { } ret ? Ref(ret) : null,
            decision.Rule is { } rule ? new RoutingRuleRef(rule.Id, table.Version) : null,
            decision.Allowed ? new ProcessChoiceView(versionRule?.ProcessKey ?? procedure.ProcessKey, versionRule?.ProcessVersion, versionRule?.Id) : null,
            decision.Explanation, refusal);
    }

    /// <summary>The province a unit belongs to on a day (itself for a province).</summary>
    public AdministrativeUnit? ProvinceOf(AdministrativeUnit unit, DateOnly day)
    {
        var current = unit;
        for (var i = 0; i < 5 && current is not null; i++)
        {
            if (current.Kind == UnitKind.Province) return current;
            current = current.ParentCode is { } p ? data.Units.Find(p, day) : null;
        }
        return null;
    }

    private static UnitRef Ref(AdministrativeUnit unit) => new(unit.Code, unit.Name);

    private static FieldError Field(string field, string message) => new(null, null, message, field);
}
