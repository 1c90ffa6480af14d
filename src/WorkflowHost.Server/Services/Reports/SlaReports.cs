using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;

namespace WorkflowHost.Server.Services.Reports;

/// <summary>
/// The SLA report and its trend, counted in the database over the dossiers whose competent unit is in scope. Refused
/// (3) and not yet accepted (1) dossiers never entered processing and count nowhere. Groupings per domain brief §2.1;
/// early / on time / late compare the finish with the appointment (its single lawful reschedule included), as the
/// slip grades a step: late after the instant, early on an earlier local day.
/// </summary>
public sealed class SlaReports(WorkflowDbContext db, OneStopData data)
{
    /// <summary>The national on-time target (Decision 468/QĐ-TTg, as dashboards cite it).</summary>
    public const double Target = 0.95;

    // Placeholders of the raw SQL's parameters, written where a raw string literal cannot escape braces.
    private const string P0 = "{0}", P1 = "{1}";

    private const string R = "d.\"ReceivedAt\"", F = "d.\"FinishedAt\"", A = "d.\"AppointmentAt\"";

    public async Task<SlaReport> ReportAsync(SlaPeriod period, SlaScope scope, CancellationToken ct)
    {
        scope = Indexed(scope);
        var sql = SlaSql.For(db, data.Zone);
        var args = new List<object> { sql.Value(period.Start), sql.Value(period.End) };
        string r = sql.Instant(R), f = sql.Instant(F), a = sql.Instant(A);
        var finishedIn = $"{f} >= {{0}} AND {f} < {{1}}";
        var graded = $"{finishedIn} AND d.\"Status\" IN (7, 9, 10)";
        var late = $"{a} IS NOT NULL AND {f} > {a}";
        var early = $"{a} IS NOT NULL AND {sql.LocalDay(F)} < {sql.LocalDay(A)}";
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
        var rows = counts.Select(c =>
        {
            var finished = c.Early + c.OnTime + c.Late;
            // Whatever is neither finished nor paused was still being handled when the period ended.
            var inProgress = c.Total - finished - c.Paused;
            return new SlaRow(c.Unit, c.Procedure, (int)c.Received, (int)inProgress, (int)c.Paused, (int)c.Early, (int)c.OnTime, (int)c.Late,
                finished == 0 ? null : Math.Round((double)(c.Early + c.OnTime) / finished, 4), (int)c.CarriedOver);
        }).ToList();
        return new SlaReport(period.From, period.To, Target, rows);
    }

    /// <summary>Received, finished and on-time counts per local day or per week (Monday to Sunday) of the period.</summary>
    public async Task<SlaTrend> TrendAsync(SlaPeriod period, SlaScope scope, bool weekly, CancellationToken ct)
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
            SELECT {sql.LocalDay(F)} AS "Day", COUNT(*) AS "Count", SUM(CASE WHEN {a} IS NULL OR {f} <= {a} THEN 1 ELSE 0 END) AS "OnTime"
            FROM dossiers d
            WHERE d."Status" IN (7, 9, 10) AND {f} >= {P0} AND {f} < {P1}{Filters(sql, scope, finishedArgs)}
            GROUP BY {sql.LocalDay(F)}
            """;
        var finished = await db.Database.SqlQueryRaw<DayCount>(finishedSql, [.. finishedArgs]).ToListAsync(ct);

        DateOnly BucketOf(long day)
        {
            var date = SlaSql.Day(day);
            if (!weekly) return date;
            var monday = date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
            return monday < period.From ? period.From : monday;
        }
        var points = new SortedDictionary<DateOnly, (long Received, long Finished, long OnTime)>();
        for (var day = period.From; day <= period.To; day = day.AddDays(1)) points[BucketOf(day.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber)] = default;
        foreach (var c in received)
        {
            var key = BucketOf(c.Day);
            if (points.TryGetValue(key, out var p)) points[key] = p with { Received = p.Received + c.Count };
        }
        foreach (var c in finished)
        {
            var key = BucketOf(c.Day);
            if (points.TryGetValue(key, out var p)) points[key] = p with { Finished = p.Finished + c.Count, OnTime = p.OnTime + c.OnTime };
        }
        return new SlaTrend(weekly ? "week" : "day", points.Select(p => new TrendPoint(p.Key, (int)p.Value.Received, (int)p.Value.Finished, (int)p.Value.OnTime,
            p.Value.Finished == 0 ? null : Math.Round((double)p.Value.OnTime / p.Value.Finished, 4))).ToList());
    }

    private const string Columns = """SELECT d."CompetentUnit", d."ProcedureCode", d."ReceivedAt", d."FinishedAt", d."AppointmentAt", d."Status" FROM dossiers d""";

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
