using WorkflowHost.Data.Entities;

namespace WorkflowHost.Server.Tests.Reports;

/// <summary>
/// The report's definitions written a second way, over dossier rows read back from the database: what the SQL report
/// must equal. Local days are in the centre's zone (+07:00).
/// </summary>
public static class SlaOracle
{
    public sealed record Row(string Unit, string Procedure, int Received, int InProgress, int Paused, int Early, int OnTime, int Late, int CarriedOver);

    public static List<Row> Report(IEnumerable<DossierEntity> dossiers, DateOnly from, DateOnly to, Func<string, bool> inScope)
    {
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), SlaSeed.Local);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), SlaSeed.Local);
        var rows = new Dictionary<(string, string), int[]>();
        foreach (var d in dossiers)
        {
            if (d.Status is 1 or 3 || !inScope(d.CompetentUnit)) continue;
            if (d.ReceivedAt >= end || d.FinishedAt < start) continue;
            if (!rows.TryGetValue((d.CompetentUnit, d.ProcedureCode), out var c)) rows[(d.CompetentUnit, d.ProcedureCode)] = c = new int[7];
            if (d.ReceivedAt >= start) c[0]++;
            else c[6]++;
            var finishedInPeriod = d.FinishedAt is { } f && f >= start && f < end;
            if (finishedInPeriod && d.Status is 7 or 9 or 10)
            {
                var finished = d.FinishedAt!.Value;
                if (d.AppointmentAt is { } a && finished > a) c[5]++;
                else if (d.AppointmentAt is { } b && LocalDay(finished) < LocalDay(b)) c[3]++;
                else c[4]++;
            }
            else if ((d.FinishedAt is null && d.Status is 5 or 6) || (d.Status == 8 && finishedInPeriod)) c[2]++;
            else c[1]++;
        }
        return rows.OrderBy(r => r.Key.Item1, StringComparer.Ordinal).ThenBy(r => r.Key.Item2, StringComparer.Ordinal)
            .Select(r => new Row(r.Key.Item1, r.Key.Item2, r.Value[0], r.Value[1], r.Value[2], r.Value[3], r.Value[4], r.Value[5], r.Value[6])).ToList();
    }

    private static DateOnly LocalDay(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(SlaSeed.Local).DateTime);
}
