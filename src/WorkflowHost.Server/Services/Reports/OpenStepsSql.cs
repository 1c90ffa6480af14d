using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;

namespace WorkflowHost.Server.Services.Reports;

/// <summary>
/// The open steps of one definition version, counted per task element in the database: how many, how many past due,
/// and the creation instants of the middle one or two of them by age, from which <see cref="Bottlenecks"/> takes the
/// median time spent. Counting in the database keeps a province's request to a handful of rows; reading the open steps
/// themselves (69,007 for the admin of the 1,000,000-dossier benchmark) and sorting them in .NET cost most of its time.
/// A median is an ordered-set aggregate on PostgreSQL and a window over the element's steps on SQLite, which has no
/// percentile function; both answer the same middle rows.
/// </summary>
internal abstract class OpenStepsSql
{
    public static OpenStepsSql For(WorkflowDbContext db, TimeZoneInfo zone) =>
        db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true ? new Postgres(db, zone) : new Sqlite(db, zone);

    /// <param name="units">The units whose steps count (the unit working the step); null for every unit.</param>
    /// <param name="now">Steps due before this instant count as overdue.</param>
    public abstract Task<List<OpenStepsOfElement>> PerElementAsync(string key, int version, IReadOnlyList<string>? units, DateTimeOffset now,
        CancellationToken ct);

    /// <summary>The open steps of the version in scope (parameters 0, 1 and, for units, 3; 2 is "now").</summary>
    private static string Steps(SlaSql sql, IReadOnlyList<string>? units) =>
        $$"""
        FROM tasks t JOIN instances i ON i."Id" = t."InstanceId"
        WHERE t."State" = '{{TaskState.Open}}' AND i."DefinitionKey" = {0} AND i."DefinitionVersion" = {1}{{(units is null ? "" : " AND " + sql.InList("t.\"UnitCode\"", 3))}}
        """;

    private static List<object> Args(SlaSql sql, string key, int version, IReadOnlyList<string>? units, DateTimeOffset now)
    {
        var args = new List<object> { key, version, sql.Value(now) };
        if (units is not null) args.Add(sql.List(units));
        return args;
    }

    private sealed class Postgres(WorkflowDbContext db, TimeZoneInfo zone) : OpenStepsSql
    {
        public override async Task<List<OpenStepsOfElement>> PerElementAsync(string key, int version, IReadOnlyList<string>? units, DateTimeOffset now,
            CancellationToken ct)
        {
            var sql = SlaSql.For(db, zone);
            // percentile_disc(0.5) is the first value at or past half of the ordering: for an even count, ascending gives
            // the earlier of the two middle instants and descending the later; for an odd count both give the middle one.
            var text = $$"""
                SELECT t."ElementId", max(t."Name") AS "Name", count(*)::int AS "Open",
                  count(*) FILTER (WHERE t."DueAt" < {2})::int AS "Overdue",
                  percentile_disc(0.5) WITHIN GROUP (ORDER BY t."CreatedAt") AS "EarlierMiddle",
                  percentile_disc(0.5) WITHIN GROUP (ORDER BY t."CreatedAt" DESC) AS "LaterMiddle"
                {{Steps(sql, units)}}
                GROUP BY t."ElementId"
                """;
            var rows = await db.Database.SqlQueryRaw<Row>(text, [.. Args(sql, key, version, units, now)]).ToListAsync(ct);
            return rows.Select(r => new OpenStepsOfElement(r.ElementId, r.Name, r.Open, r.Overdue, r.EarlierMiddle, r.LaterMiddle)).ToList();
        }

        // A class with setters, as EF's raw SQL queries bind columns to properties by name.
        private sealed class Row
        {
            public string ElementId { get; set; } = "";
            public string? Name { get; set; }
            public int Open { get; set; }
            public int Overdue { get; set; }
            public DateTimeOffset EarlierMiddle { get; set; }
            public DateTimeOffset LaterMiddle { get; set; }
        }
    }

    private sealed class Sqlite(WorkflowDbContext db, TimeZoneInfo zone) : OpenStepsSql
    {
        public override async Task<List<OpenStepsOfElement>> PerElementAsync(string key, int version, IReadOnlyList<string>? units, DateTimeOffset now,
            CancellationToken ct)
        {
            var sql = SlaSql.For(db, zone);
            var created = sql.Instant("t.\"CreatedAt\"");
            // Rows numbered by age within their element; the middle ones are (n + 1) / 2 and n / 2 + 1 (the same row for an
            // odd n). The stored value is returned as it is and decoded by the converter that wrote it.
            var text = $$"""
                SELECT s."ElementId", max(s."Name") AS "Name", max(s.n) AS "Open", sum(s.overdue) AS "Overdue",
                  max(CASE WHEN s.r = (s.n + 1) / 2 THEN s."CreatedAt" END) AS "EarlierMiddle",
                  max(CASE WHEN s.r = s.n / 2 + 1 THEN s."CreatedAt" END) AS "LaterMiddle"
                FROM (SELECT t."ElementId", t."Name", t."CreatedAt",
                    CASE WHEN t."DueAt" IS NOT NULL AND {{sql.Instant("t.\"DueAt\"")}} < {2} THEN 1 ELSE 0 END AS overdue,
                    row_number() OVER (PARTITION BY t."ElementId" ORDER BY {{created}}) AS r,
                    count(*) OVER (PARTITION BY t."ElementId") AS n
                  {{Steps(sql, units)}}) s
                GROUP BY s."ElementId"
                """;
            var rows = await db.Database.SqlQueryRaw<Row>(text, [.. Args(sql, key, version, units, now)]).ToListAsync(ct);
            return rows.Select(r => new OpenStepsOfElement(r.ElementId, r.Name, (int)r.Open, (int)r.Overdue,
                UtcDateTimeOffsetToBinaryConverter.FromStore(r.EarlierMiddle), UtcDateTimeOffsetToBinaryConverter.FromStore(r.LaterMiddle))).ToList();
        }

        private sealed class Row
        {
            public string ElementId { get; set; } = "";
            public string? Name { get; set; }
            public long Open { get; set; }
            public long Overdue { get; set; }
            public long EarlierMiddle { get; set; }
            public long LaterMiddle { get; set; }
        }
    }
}

/// <summary>One task element's open steps: their number, how many are past due, and the creation instants of the middle step(s) by age.</summary>
internal sealed record OpenStepsOfElement(string ElementId, string? Name, int Open, int Overdue, DateTimeOffset EarlierMiddle, DateTimeOffset LaterMiddle);
