using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Procedures.Dossiers;
using WorkflowHost.Procedures.Routing;
using WorkflowHost.Procedures.Units;
using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Services;

/// <summary>
/// Moves dossiers still open when their units end (the district dossiers on 2025-07-01) to the units that now hold their
/// subject, by the routing table in force that day. What moves: the dossier's competent unit (and its return unit, if
/// that ended too) and its open tasks of an ended unit. What stays: the code, the receiving unit (where it was received is
/// history), the process and its version, the appointment and every task's due date, and the slip, which gains one
/// handover row per dossier. A dossier whose new unit cannot be decided (no subject, a split ward without the deciding
/// detail, no matching row) is listed with the reason and left alone; a plan is a dry run of the same decisions.
/// </summary>
public sealed class CutoverService(WorkflowDbContext db, OneStopData data, RoutingTables tables, RoutingService routing, Router router, UnitResolver resolver,
    DossierProjector projector, TimeProvider clock)
{
    public const string CutoverStep = "Chuyển giao khi sắp xếp đơn vị hành chính";

    public async Task<CutoverPlan> PlanAsync(DateOnly day, CancellationToken ct) => await RunAsync(day, execute: false, "", ct);

    public async Task<CutoverPlan> ExecuteAsync(DateOnly day, string by, CancellationToken ct) => await RunAsync(day, execute: true, by, ct);

    private async Task<CutoverPlan> RunAsync(DateOnly day, bool execute, string by, CancellationToken ct)
    {
        var lastDay = day.AddDays(-1);
        var ended = data.Units.All.Where(u => u.ValidTo == lastDay).Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        if (ended.Count == 0)
            throw new InvalidInputException($"No unit ends on {lastDay:yyyy-MM-dd}; {day:yyyy-MM-dd} is not a cut-over day.",
                [new FieldError(null, null, $"No unit ends on {lastDay:yyyy-MM-dd}.", "day")]);
        var endedList = ended.ToList();
        // Codes are reused (20242 was Phước Ninh and is Hải Châu), so only dossiers received while the old unit existed count.
        var endedAt = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), data.Zone));
        var open = await db.Dossiers.Where(d => d.ReceivedAt < endedAt && (endedList.Contains(d.CompetentUnit) || endedList.Contains(d.ReturnUnit)))
            .Where(d => d.Status != DossierStatus.Refused && d.Status != DossierStatus.Withdrawn && d.Status != DossierStatus.Stopped && d.Status != DossierStatus.Returned)
            .OrderBy(d => d.ReceivedAt).ToListAsync(ct);
        var items = new List<CutoverItem>();
        var now = clock.GetUtcNow();
        foreach (var dossier in open)
        {
            var (target, problem) = await NewCompetentAsync(dossier, day, ct);
            if (target is null) { items.Add(new CutoverItem(dossier.Code, dossier.CompetentUnit, null, dossier.ReturnUnit, null, 0, problem)); continue; }
            var newReturn = ended.Contains(dossier.ReturnUnit) ? target.Code : dossier.ReturnUnit;
            var tasks = await db.Tasks.Where(t => t.DossierId == dossier.Id && t.State == TaskState.Open && t.UnitCode != null && endedList.Contains(t.UnitCode)).ToListAsync(ct);
            string NewUnit(TaskEntity t) => t.UnitCode == dossier.ReturnUnit && newReturn != target.Code ? newReturn : target.Code;
            tasks = tasks.Where(t => NewUnit(t) != t.UnitCode).ToList();
            // A successor that reuses the old code (20285 was Khuê Mỹ, is Ngũ Hành Sơn) leaves nothing to move; nor does a second run.
            if (target.Code == dossier.CompetentUnit && newReturn == dossier.ReturnUnit && tasks.Count == 0) continue;
            items.Add(new CutoverItem(dossier.Code, dossier.CompetentUnit, target.Code, dossier.ReturnUnit, newReturn, tasks.Count, null));
            if (!execute) continue;
            var oldCompetent = dossier.CompetentUnit;
            foreach (var task in tasks) task.UnitCode = NewUnit(task);
            dossier.CompetentUnit = target.Code;
            dossier.ReturnUnit = newReturn;
            projector.Slip(dossier, (oldCompetent, by), (target.Code, null), CutoverStep, null, now,
                $"Units ended {lastDay:yyyy-MM-dd}; competent {oldCompetent} → {target.Code}; code, appointment and due dates kept");
            await db.SaveChangesAsync(ct);
        }
        return new CutoverPlan(day, execute, items);
    }

    private async Task<(AdministrativeUnit? Unit, string? Problem)> NewCompetentAsync(DossierEntity dossier, DateOnly day, CancellationToken ct)
    {
        var subject = dossier.SubjectUnitWritten ?? dossier.SubjectUnit;
        if (subject is null) return (null, "The dossier names no subject unit; move it by hand (transfer).");
        var procedure = data.Procedures.InForce(dossier.ProcedureCode, day);
        if (procedure is null) return (null, $"Procedure {dossier.ProcedureCode} has no version in force on {day:yyyy-MM-dd}.");
        // The subject's old unit is resolved as of the cut-over day; it also stands in as the receiving unit, so the
        // jurisdiction check (irrelevant to a dossier already received) cannot refuse the move.
        var resolved = resolver.Resolve(dossier.SubjectUnit ?? subject, day, dossier.SubjectAddress, dossier.SubjectParcel);
        if (resolved.Unit is null) return (null, resolved.Problem);
        var province = routing.ProvinceOf(resolved.Unit, day);
        var table = province is null ? null : await tables.CurrentAsync(province.Code, ct);
        if (table is null) return (null, $"No routing table is saved for the province of {Router.Describe(resolved.Unit)}.");
        var decision = router.Route(table, new RoutingQuery(procedure, new SubjectLocation(resolved.Unit.Code, null, null, null), dossier.ApplicantType,
            dossier.Channel, resolved.Unit, day));
        return decision.Allowed ? (decision.Competent, null) : (decision.Refusal?.CompetentCentre, decision.Refusal?.CompetentCentre is null ? decision.Refusal?.Reason : null);
    }
}

/// <summary>One dossier of a cut-over: where it moves, how many open tasks move with it, or why it cannot move.</summary>
public sealed record CutoverItem(string Code, string FromCompetent, string? ToCompetent, string FromReturn, string? ToReturn, int OpenTasks, string? Problem);

public sealed record CutoverPlan(DateOnly Day, bool Executed, IReadOnlyList<CutoverItem> Dossiers);

/// <summary>Body of POST /api/cutover and /api/cutover/plan.</summary>
public sealed record CutoverRequest(DateOnly? Day);
