using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;

namespace WorkflowHost.Server.Services.Reports;

/// <summary>
/// The dashboard's two lists: open steps of the caller's units past their due instant, and those falling due within
/// one working day (business calendar). The unit is the one working the step (<c>wh:unit</c>), which is where a
/// manager has to act. Due instants are compared in SQL through <see cref="SlaSql"/>, because SQLite keeps the
/// calendar's +07:00 offset in the stored value and a plain comparison would be off by seven hours.
/// </summary>
public sealed class DeadlineWatch(WorkflowDbContext db, OneStopData data, TimeProvider clock)
{
    /// <summary>Most items per list: a dashboard shows the first screenful; the count of all is the unit's inbox's job.</summary>
    public const int MaxItems = 50;

    public async Task<DeadlineLists> ListsAsync(SlaScope scope, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        DateTimeOffset until;
        try
        {
            until = data.Calendar.AddWorkingDays(now, 1).DueAt.ToUniversalTime();
        }
        catch (ArgumentOutOfRangeException)
        {
            // Past the years the calendar files cover: a calendar day is the honest fallback for a warning list.
            until = now.AddDays(1);
        }
        var overdue = await ItemsAsync(scope, null, now, ct);
        var dueSoon = await ItemsAsync(scope, now, until, ct);
        return new DeadlineLists(now, until, overdue, dueSoon);
    }

    private async Task<List<DeadlineItem>> ItemsAsync(SlaScope scope, DateTimeOffset? from, DateTimeOffset to, CancellationToken ct)
    {
        var sql = SlaSql.For(db, data.Zone);
        var due = sql.Instant("t.\"DueAt\"");
        var args = new List<object> { sql.Value(to) };
        var where = $"t.\"State\" = '{TaskState.Open}' AND t.\"DueAt\" IS NOT NULL AND {due} < {{0}}";
        if (from is { } start)
        {
            args.Add(sql.Value(start));
            where += $" AND {due} >= {{1}}";
        }
        if (scope.Units is { } units)
        {
            args.Add(sql.List(units));
            where += " AND " + sql.InList("t.\"UnitCode\"", args.Count - 1);
        }
        if (scope.Procedure is { } procedure)
        {
            args.Add(procedure);
            where += $" AND d.\"ProcedureCode\" = {{{args.Count - 1}}}";
        }
        // Most overdue first; soonest due first.
        // Only fixed SQL fragments are interpolated; every value is a parameter.
        var text = $"""
            SELECT t."Id" AS "Value" FROM tasks t JOIN dossiers d ON d."Id" = t."DossierId"
            WHERE {where} ORDER BY {due} LIMIT {MaxItems}
            """;
        var ids = await db.Database.SqlQueryRaw<Guid>(text, [.. args]).ToListAsync(ct);
        if (ids.Count == 0) return [];
        var rows = await (from t in db.Tasks.AsNoTracking()
                          join d in db.Dossiers.AsNoTracking() on t.DossierId equals d.Id
                          where ids.Contains(t.Id)
                          select new DeadlineItem(t.Id, d.Code, t.Name ?? t.ElementId, t.ElementId, t.UnitCode, t.Assignee, t.DueAt!.Value, d.AppointmentAt,
                              d.ProcedureCode, d.ApplicantName)).ToListAsync(ct);
        return rows.OrderBy(r => r.DueAt).ToList();
    }
}
