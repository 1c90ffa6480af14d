using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;

namespace WorkflowHost.Server.Services.Reports;

/// <summary>
/// The SLA report and its trend over the dossiers whose competent unit is in scope. Refused (3) and not yet accepted (1)
/// dossiers never entered processing and count nowhere. Groupings per domain brief §2.1; early / on time / late compare
/// the finish with the appointment as the slip grades a step (late after the instant, early on an earlier local day),
/// and a dossier with an apology and a new date (<c>ExtendedAt</c>) is late whatever its finish. Counted from the daily
/// rollup (<see cref="SlaRollupReports"/>) once it is built, which gives the same figures for any period and scope;
/// live over the dossiers until then — the live count also stays the reference the rollup is tested against.
/// </summary>
public sealed class SlaReports(WorkflowDbContext db, OneStopData data, SlaRollup rollup, SlaRollupReports rollupReports)
{
    /// <summary>The national on-time target (Decision 468/QĐ-TTg, as dashboards cite it).</summary>
    public const double Target = 0.95;

    // Placeholders of the raw SQL's parameters, written where a raw string literal cannot escape braces.
    private const string P0 = "{0}", P1 = "{1}";

    private const string R = "d.\"ReceivedAt\"", F = "d.\"FinishedAt\"", A = "d.\"AppointmentAt\"";

    public async Task<SlaReport> ReportAsync(SlaPeriod period, SlaScope scope, CancellationToken ct) =>
        await rollup.IsReadyAsync(ct) ? await RollupReportAsync(period, scope, ct) : await LiveReportAsync(period, scope, ct);

    /// <summary>The report from the daily rollup (which must be built).</summary>
    public async Task<SlaReport> RollupReportAsync(SlaPeriod period, SlaScope scope, CancellationToken ct) =>
        Report(period, await rollupReports.CountsAsync(period, Indexed(scope), ct));

    /// <summary>The report counted over the dossiers themselves.</summary>
    public async Task<SlaReport> LiveReportAsync(SlaPeriod period, SlaScope scope, CancellationToken ct)
    {
        scope = Indexed(scope);
        var sql = SlaSql.For(db, data.Zone);
        var args = new List<object> { sql.Value(period.Start), sql.Value(period.End) };
        string r = sql.Instant(R), f = sql.Instant(F), a = sql.Instant(A);
        var finishedIn = $"{f} >= {{0}} AND {f} < {{1}}";
        var graded = $"{finishedIn} AND d.\"Status\" IN (7, 9, 10)";
        // An apology with a new date does not make a dossier on time (domain brief §1.5): it stays late.
        var late = $"(({a} IS NOT NULL AND {f} > {a}) OR d.\"ExtendedAt\" IS NOT NULL)";
        var early = $"{a} IS NOT NULL AND d.\"ExtendedAt\" IS NULL AND {sql.LocalDay(F)} < {sql.LocalDay(A)}";
        // What was unfinished when the period began, as two ranges of IX_dossiers_sla per unit (not yet finished; finished
        // since the start) instead of the unit's whole history; the same parameters serve both.
        var filters = Filters(sql, scope, args);
        var text = $"""
            SELECT d."CompetentUnit" AS "Unit", d."ProcedureCode" AS "Procedure", COUNT(*) AS "Total",
              SUM(CASE WHEN {r} >= {P0} THEN 1 ELSE 0 END) AS "Received",
              SUM(CASE WHEN {r} < {P0} THEN 1 ELSE 0 END) AS "CarriedOver",
              SUM(CASE WHEN {graded} AND {late} THEN 1 ELSE 0 END) AS "Late",
              SUM(CASE WHEN {graded} AND {early} THEN 1 ELSE 0 END) AS "Early",
              SUM(CASE WHEN {graded} AND NOT ({late}) AND NOT ({early}) THEN 1 ELSE 0 END) AS "OnTime",
              SUM(CASE WHEN ({f} IS NULL AND d."Status" IN (5, 6)) OR (d."Status" = 8 AND {finishedIn}) THEN 1 ELSE 0 END) AS "Paused"
            FROM ({Columns} WHERE d."FinishedAt" IS NULL AND d."Status" NOT IN (1, 3) AND {r} < {P1}{filters}
              UNION ALL
              {Columns} WHERE {f} >= {P0} AND d."Status" NOT IN (1, 3) AND {r} < {P1}{filters}) d
            GROUP BY d."CompetentUnit", d."ProcedureCode"
            ORDER BY d."CompetentUnit", d."ProcedureCode"
            """;
        var counts = await db.Database.SqlQueryRaw<Counts>(text, [.. args]).ToListAsync(ct);
        return Report(period, counts.Select(c => new SlaCounts(c.Unit, c.Procedure, c.Received, c.CarriedOver, c.Early, c.OnTime, c.Late, c.Paused)).ToList());
    }

    private static SlaReport Report(SlaPeriod period, List<SlaCounts> counts) =>
        new(period.From, period.To, Target, counts.Select(c =>
        {
            var finished = c.Early + c.OnTime + c.Late;
            // Whatever is neither finished nor paused was still being handled when the period ended.
            var inProgress = c.Received + c.CarriedOver - finished - c.Paused;
            return new SlaRow(c.Unit, c.Procedure, (int)c.Received, (int)inProgress, (int)c.Paused, (int)c.Early, (int)c.OnTime, (int)c.Late,
                finished == 0 ? null : Math.Round((double)(c.Early + c.OnTime) / finished, 4), (int)c.CarriedOver);
        }).ToList());

    /// <summary>Received, finished and on-time counts per local day or per week (Monday to Sunday) of the period.</summary>
    public async Task<SlaTrend> TrendAsync(SlaPeriod period, SlaScope scope, bool weekly, CancellationToken ct) =>
        Trend(period, weekly, await rollup.IsReadyAsync(ct)
            ? await rollupReports.DaysAsync(period, Indexed(scope), ct)
            : await LiveDaysAsync(period, scope, ct));

    /// <summary>The trend counted over the dossiers themselves.</summary>
    public async Task<SlaTrend> LiveTrendAsync(SlaPeriod period, SlaScope scope, bool weekly, CancellationToken ct) =>
        Trend(period, weekly, await LiveDaysAsync(period, scope, ct));

    /// <summary>The trend from the daily rollup (which must be built).</summary>
    public async Task<SlaTrend> RollupTrendAsync(SlaPeriod period, SlaScope scope, bool weekly, CancellationToken ct) =>
        Trend(period, weekly, await rollupReports.DaysAsync(period, Indexed(scope), ct));

    private async Task<List<SlaDayCount>> LiveDaysAsync(SlaPeriod period, SlaScope scope, CancellationToken ct)
    {
        scope = Indexed(scope);
        var sql = SlaSql.For(db, data.Zone);
        string r = sql.Instant(R), f = sql.Instant(F), a = sql.Instant(A);
        var receivedArgs = new List<object> { sql.Value(period.Start), sql.Value(period.End) };
        // Only fixed SQL fragments are interpolated into these texts; every value is a parameter.
        var receivedSql = $"""
            SELECT {sql.LocalDay(R)} AS "Day", COUNT(*) AS "Count", CAST(0 AS BIGINT) AS "OnTime"
            FROM dossiers d
            WHERE d."Status" NOT IN (1, 3) AND {r} >= {P0} AND {r} < {P1}{Filters(sql, scope, receivedArgs)}
            GROUP BY {sql.LocalDay(R)}
            """;
        var received = await db.Database.SqlQueryRaw<DayCount>(receivedSql, [.. receivedArgs]).ToListAsync(ct);
        var finishedArgs = new List<object> { sql.Value(period.Start), sql.Value(period.End) };
        var finishedSql = $"""
            SELECT {sql.LocalDay(F)} AS "Day", COUNT(*) AS "Count", SUM(CASE WHEN ({a} IS NULL OR {f} <= {a}) AND d."ExtendedAt" IS NULL THEN 1 ELSE 0 END) AS "OnTime"
            FROM dossiers d
            WHERE d."Status" IN (7, 9, 10) AND {f} >= {P0} AND {f} < {P1}{Filters(sql, scope, finishedArgs)}
            GROUP BY {sql.LocalDay(F)}
            """;
        var finished = await db.Database.SqlQueryRaw<DayCount>(finishedSql, [.. finishedArgs]).ToListAsync(ct);
        return [.. received.Select(c => new SlaDayCount(SlaSql.Day(c.Day), c.Count, 0, 0)),
            .. finished.Select(c => new SlaDayCount(SlaSql.Day(c.Day), 0, c.Count, c.OnTime))];
    }

    private static SlaTrend Trend(SlaPeriod period, bool weekly, List<SlaDayCount> days)
    {
        DateOnly BucketOf(DateOnly date)
        {
            if (!weekly) return date;
            var monday = date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
            return monday < period.From ? period.From : monday;
        }
        var points = new SortedDictionary<DateOnly, (long Received, long Finished, long OnTime)>();
        for (var day = period.From; day <= period.To; day = day.AddDays(1)) points[BucketOf(day)] = default;
        foreach (var c in days)
        {
            var key = BucketOf(c.Day);
            if (points.TryGetValue(key, out var p)) points[key] = (p.Received + c.Received, p.Finished + c.Finished, p.OnTime + c.OnTime);
        }
        return new SlaTrend(weekly ? "week" : "day", points.Select(p => new TrendPoint(p.Key, (int)p.Value.Received, (int)p.Value.Finished, (int)p.Value.OnTime,
            p.Value.Finished == 0 ? null : Math.Round((double)p.Value.OnTime / p.Value.Finished, 4))).ToList());
    }

    private const string Columns = """SELECT d."CompetentUnit", d."ProcedureCode", d."ReceivedAt", d."FinishedAt", d."AppointmentAt", d."Status", d."ExtendedAt" FROM dossiers d""";

    /// <summary>
    /// An admin's report names every unit the registry knows (merged and current ones alike; competent units come from
    /// it), so PostgreSQL reads per-unit ranges of the indexes that lead with the unit instead of every dossier.
    /// </summary>
    private SlaScope Indexed(SlaScope scope) =>
        scope.Units is null ? scope with { Units = data.Units.All.Select(u => u.Code).Distinct(StringComparer.Ordinal).ToList() } : scope;

    private static string Filters(SlaSql sql, SlaScope scope, List<object> args)
    {
        var text = "";
        if (scope.Units is { } units)
        {
            args.Add(sql.List(units));
            text += " AND " + sql.InList("d.\"CompetentUnit\"", args.Count - 1);
        }
        if (scope.Procedure is { } procedure)
        {
            args.Add(procedure);
            text += $" AND d.\"ProcedureCode\" = {{{args.Count - 1}}}";
        }
        return text;
    }

    private sealed class Counts
    {
        public string Unit { get; set; } = "";
        public string Procedure { get; set; } = "";
        public long Total { get; set; }
        public long Received { get; set; }
        public long CarriedOver { get; set; }
        public long Late { get; set; }
        public long Early { get; set; }
        public long OnTime { get; set; }
        public long Paused { get; set; }
    }

    private sealed class DayCount
    {
        public long Day { get; set; }
        public long Count { get; set; }
        public long OnTime { get; set; }
    }
}
