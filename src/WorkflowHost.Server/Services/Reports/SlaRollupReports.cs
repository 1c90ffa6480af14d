using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;

namespace WorkflowHost.Server.Services.Reports;

/// <summary>
/// The SLA report and trend read from the daily rollup instead of the dossiers: a few rows per unit, procedure and day
/// instead of every dossier unfinished when the period began. The figures are the live report's (a test compares them
/// over varied data on both databases), by this arithmetic over local days, with a dossier's finish never before its
/// receipt's day:
/// <list type="bullet">
/// <item>received, early, on time, late and stopped: the sums over the period's days;</item>
/// <item>carried over = open now + (finished − received) on the days from the period's first on; a dossier open now or
/// finished since that day was unfinished when it began, unless it was received since;</item>
/// <item>paused = awaiting supplement or payment now, received by the period's last day, + stopped in the period.</item>
/// </list>
/// So only the days from the period's first on are read, plus older days that still hold an open dossier.
/// </summary>
public sealed class SlaRollupReports(WorkflowDbContext db)
{
    public async Task<List<SlaCounts>> CountsAsync(SlaPeriod period, SlaScope scope, CancellationToken ct)
    {
        DateOnly from = period.From, to = period.To;
        var rows = Scoped(db.SlaDaily.AsNoTracking().Where(r => r.Day >= from || r.Open != 0), scope);
        var sums = await rows.GroupBy(r => new { r.UnitCode, r.ProcedureCode })
            .OrderBy(g => g.Key.UnitCode).ThenBy(g => g.Key.ProcedureCode)
            .Select(g => new
            {
                g.Key.UnitCode,
                g.Key.ProcedureCode,
                Received = g.Sum(r => r.Day >= from && r.Day <= to ? r.Received : 0),
                Open = g.Sum(r => r.Open),
                FinishedLessReceived = g.Sum(r => r.Day >= from ? r.Finished - r.Received : 0),
                Early = g.Sum(r => r.Day >= from && r.Day <= to ? r.Early : 0),
                OnTime = g.Sum(r => r.Day >= from && r.Day <= to ? r.OnTime : 0),
                Late = g.Sum(r => r.Day >= from && r.Day <= to ? r.Late : 0),
                PausedNow = g.Sum(r => r.Day <= to ? r.Paused : 0),
                Stopped = g.Sum(r => r.Day >= from && r.Day <= to ? r.Stopped : 0),
            })
            .ToListAsync(ct);
        return sums.Select(s => new SlaCounts(s.UnitCode, s.ProcedureCode, s.Received, s.Open + s.FinishedLessReceived, s.Early, s.OnTime, s.Late,
                s.PausedNow + s.Stopped))
            // A group with nothing received in the period nor carried into it is not in the live report either.
            .Where(c => c.Received + c.CarriedOver > 0)
            .ToList();
    }

    /// <summary>Per local day of the period: received, finished (early, on time or late) and not late.</summary>
    public async Task<List<SlaDayCount>> DaysAsync(SlaPeriod period, SlaScope scope, CancellationToken ct)
    {
        DateOnly from = period.From, to = period.To;
        return await Scoped(db.SlaDaily.AsNoTracking().Where(r => r.Day >= from && r.Day <= to), scope)
            .GroupBy(r => r.Day)
            .Select(g => new SlaDayCount(g.Key, g.Sum(r => r.Received), g.Sum(r => r.Early + r.OnTime + r.Late), g.Sum(r => r.Early + r.OnTime)))
            .ToListAsync(ct);
    }

    private static IQueryable<Data.Entities.SlaDailyEntity> Scoped(IQueryable<Data.Entities.SlaDailyEntity> rows, SlaScope scope)
    {
        if (scope.Units is { } units) rows = rows.Where(r => units.Contains(r.UnitCode));
        if (scope.Procedure is { } procedure) rows = rows.Where(r => r.ProcedureCode == procedure);
        return rows;
    }
}

/// <summary>One unit and procedure's counts over a period, before the report derives in progress and the rate.</summary>
public sealed record SlaCounts(string Unit, string Procedure, long Received, long CarriedOver, long Early, long OnTime, long Late, long Paused);

/// <summary>One local day's counts for the trend.</summary>
public sealed record SlaDayCount(DateOnly Day, long Received, long Finished, long OnTime);
