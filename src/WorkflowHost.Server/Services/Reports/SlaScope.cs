using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Services.Reports;

/// <summary>
/// Which competent units a report may count (architecture decision 13): the caller's units, all for admins, narrowed by
/// the <c>unit</c> parameter. A unit outside the caller's scope answers 404, as a dossier outside it does.
/// </summary>
public sealed record SlaScope(IReadOnlyList<string>? Units, string? Procedure)
{
    public static SlaScope For(Actor actor, string? unit, string? procedure)
    {
        var wanted = string.IsNullOrWhiteSpace(unit) ? null : unit.Trim();
        if (wanted is { Length: > 20 }) throw new InvalidInputException("unit is too long.", [SlaPeriod.Field("unit", "unit must be a unit code of at most 20 characters.")]);
        if (procedure is { Length: > 40 }) throw new InvalidInputException("procedure is too long.", [SlaPeriod.Field("procedure", "procedure must be a procedure code of at most 40 characters.")]);
        var procedureCode = string.IsNullOrWhiteSpace(procedure) ? null : procedure.Trim();
        if (actor.IsAdmin) return new SlaScope(wanted is null ? null : [wanted], procedureCode);
        if (wanted is null) return new SlaScope(actor.Units, procedureCode);
        return actor.Units.Contains(wanted, StringComparer.Ordinal)
            ? new SlaScope([wanted], procedureCode)
            : throw new NotFoundException($"No unit '{wanted}' among the units you report on.");
    }
}
