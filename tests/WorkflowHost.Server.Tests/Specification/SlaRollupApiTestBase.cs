using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Server.Services;
using WorkflowHost.Server.Services.Reports;
using WorkflowHost.Server.Tests.Infrastructure;
using WorkflowHost.Server.Tests.Reports;

namespace WorkflowHost.Server.Tests.Specification;

/// <summary>
/// The SLA report's daily rollup (<c>sla_daily</c>) against the live count over the 10,000 dossiers of
/// <see cref="SlaSeed"/>: the same rows for short, long and one-day periods in every scope, before and after dossiers
/// change once their days are in the rollup — finished late, extended, paused and resumed, stopped, refused, moved to
/// another competent unit, changed by a bulk UPDATE that no EF change tracking sees, received and extended through the
/// API — and a recount from scratch finds exactly what the triggers kept.
/// </summary>
public abstract class SlaRollupApiTestBase<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture, IHostFixture<SlaSeededSetup>
{
    protected TFixture Fixture { get; } = fixture;

    private static readonly (string From, string To)[] Periods =
    [
        ("2025-10-01", "2025-11-30"), ("2025-09-01", "2025-12-31"), ("2025-11-17", "2025-11-17"), ("2025-08-01", "2025-09-10"),
        ("2025-12-20", "2026-12-20"), ("2025-09-15", "2025-10-14"),
    ];

    private static readonly SlaScope[] Scopes =
    [
        new(null, null), new(["20242"], null), new(["20209", "20285"], "1.000894"), new(null, "2.000305"),
    ];

    [Fact]
    public virtual async Task RollupReport_EqualsLiveReport_BeforeAndAfterDossiersChange()
    {
        using (var scope = Fixture.Factory.Services.CreateScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<SlaRollup>().IsReadyAsync(default), "start-up builds the rollup");
        var before = await AssertSameAsync();
        // The comparison is not between two empty answers: every group of the seeded period is populated.
        Assert.Equal(9, before.Rows.Count);
        Assert.All(before.Rows, r => Assert.True(r.Received > 0 && r.InProgress > 0 && r.Paused > 0 && r.Early > 0 && r.OnTime > 0 && r.Late > 0
            && r.CarriedOver > 0, r.ToString()));

        var changed = await ChangeDossiersAsync();
        var after = await AssertSameAsync();

        // The changes moved the figures the way a manager would expect (the rollup followed them; the live count is the judge).
        var haiChau = Row(after, "20242", changed.LateProcedure);
        Assert.True(haiChau.Late >= Row(before, "20242", changed.LateProcedure).Late + 2, "finished late and extended both count late");
        Assert.NotEqual(Sum(before, r => r.Paused), Sum(after, r => r.Paused));
        Assert.NotEqual(Sum(before, r => r.CarriedOver), Sum(after, r => r.CarriedOver));

        // What the triggers kept is what a recount from the dossiers finds.
        using (var scope = Fixture.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            var kept = await DailyAsync(db);
            Assert.True(kept.Count > 300, $"{kept.Count} rollup rows");
            await scope.ServiceProvider.GetRequiredService<SlaRollup>().RebuildAsync(default);
            Assert.Equal(kept, await DailyAsync(db));
        }
    }

    [Fact]
    public virtual async Task Report_CountsLive_WhileTheRollupIsNotBuilt_AndTheBackfillCatchesUp()
    {
        var admin = await Fixture.AsAsync("admin");
        const string url = "/api/reports/sla?from=2025-10-01&to=2025-11-30";
        using (var scope = Fixture.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            // As a seed that bypasses the triggers leaves it: the state row deleted, dossiers written meanwhile.
            await db.SlaRollupState.ExecuteDeleteAsync();
            var finish = Vn(11, 20, 9);
            var open = await db.Dossiers.Where(d => d.Code.StartsWith("SLA.") && d.Status == 4 && d.FinishedAt == null && d.ReceivedAt < finish)
                .OrderBy(d => d.Code).Take(5).ToListAsync();
            foreach (var d in open)
            {
                d.Status = 10;
                d.FinishedAt = finish;
            }
            await db.SaveChangesAsync();
            Assert.False(await scope.ServiceProvider.GetRequiredService<SlaRollup>().IsReadyAsync(default));
        }
        var whileUnbuilt = await admin.GetAsync<JsonObject>(url);
        var live = await LiveAsync("2025-10-01", "2025-11-30", new SlaScope(null, null));
        Assert.Equal(live.Rows.Sum(r => r.Early + r.OnTime + r.Late), whileUnbuilt["rows"]!.AsArray().Sum(r => r!["early"]!.GetValue<int>() + r["onTime"]!.GetValue<int>() + r["late"]!.GetValue<int>()));

        using (var scope = Fixture.Factory.Services.CreateScope())
        {
            var rollup = scope.ServiceProvider.GetRequiredService<SlaRollup>();
            await rollup.EnsureBuiltAsync(default);
            Assert.True(await rollup.IsReadyAsync(default));
        }
        Assert.Equal(whileUnbuilt.ToJsonString(), (await admin.GetAsync<JsonObject>(url)).ToJsonString());
        await AssertSameAsync();
    }

    [Fact]
    public virtual async Task Rollup_DoesNotDrift_WhenConcurrentWritersChangeTheSameDossiers()
    {
        List<Guid> ids;
        using (var scope = Fixture.Factory.Services.CreateScope())
            ids = await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Dossiers
                .Where(d => d.Code.StartsWith("SLA.") && d.CompetentUnit == "20285" && d.FinishedAt == null && (d.Status == 4 || d.Status == 2))
                .OrderBy(d => d.Code).Select(d => d.Id).Take(12).ToListAsync();
        Assert.Equal(12, ids.Count);
        var finish = DateTimeOffset.UtcNow;
        // Eight writers, each changing every one of the same twelve dossiers in its own transaction: finish, pause,
        // resume, move to another unit — the last committed change of each dossier wins, and the rollup must follow it.
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            foreach (var id in ids.OrderBy(i => (i.GetHashCode() ^ w) & 0xff))
            {
                for (var attempt = 0; ; attempt++)
                {
                    using var scope = Fixture.Factory.Services.CreateScope();
                    var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
                    try
                    {
                        var query = db.Dossiers.Where(d => d.Id == id);
                        _ = w % 4 switch
                        {
                            0 => await query.ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, 10).SetProperty(d => d.FinishedAt, finish)),
                            1 => await query.ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, 5)),
                            2 => await query.ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, 4).SetProperty(d => d.FinishedAt, (DateTimeOffset?)null)),
                            _ => await query.ExecuteUpdateAsync(s => s.SetProperty(d => d.CompetentUnit, d => d.CompetentUnit == "20285" ? "20242" : "20285")),
                        };
                        break;
                    }
                    catch (Exception) when (attempt < 20)
                    {
                        // A deadlock victim or a busy SQLite file: the write rolled back whole; try it again.
                        await Task.Delay(20 * (attempt + 1));
                    }
                }
            }
        })).ToList();
        await Task.WhenAll(writers);

        using (var scope = Fixture.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            var kept = await DailyAsync(db);
            await scope.ServiceProvider.GetRequiredService<SlaRollup>().RebuildAsync(default);
            Assert.Equal(kept, await DailyAsync(db));
        }
        await AssertSameAsync();
    }

    /// <summary>Every period and scope: the rollup's report and trend equal the live ones; returns the admin's first period.</summary>
    private async Task<SlaReport> AssertSameAsync()
    {
        using var scope = Fixture.Factory.Services.CreateScope();
        var reports = scope.ServiceProvider.GetRequiredService<SlaReports>();
        var zone = scope.ServiceProvider.GetRequiredService<OneStopData>().Zone;
        SlaReport? first = null;
        foreach (var (from, to) in Periods)
        {
            var period = SlaPeriod.Parse(from, to, zone, DateTimeOffset.UtcNow);
            foreach (var slaScope in Scopes)
            {
                var live = await reports.LiveReportAsync(period, slaScope, default);
                var rolled = await reports.RollupReportAsync(period, slaScope, default);
                Assert.True(live.Rows.SequenceEqual(rolled.Rows), $"{from}..{to} {Describe(slaScope)}:\nlive   {string.Join("\n       ", live.Rows)}\nrollup {string.Join("\n       ", rolled.Rows)}");
                first ??= rolled;
                foreach (var weekly in new[] { false, true })
                    Assert.Equal((await reports.LiveTrendAsync(period, slaScope, weekly, default)).Points,
                        (await reports.RollupTrendAsync(period, slaScope, weekly, default)).Points);
            }
        }
        return first!;
    }

    private async Task<SlaReport> LiveAsync(string from, string to, SlaScope slaScope)
    {
        using var scope = Fixture.Factory.Services.CreateScope();
        var zone = scope.ServiceProvider.GetRequiredService<OneStopData>().Zone;
        return await scope.ServiceProvider.GetRequiredService<SlaReports>().LiveReportAsync(SlaPeriod.Parse(from, to, zone, DateTimeOffset.UtcNow), slaScope, default);
    }

    private sealed record Changed(string LateProcedure);

    private static DateTimeOffset Vn(int month, int day, int hour) => new DateTimeOffset(2025, month, day, hour, 0, 0, SlaSeed.Local).ToUniversalTime();

    /// <summary>Changes seeded dossiers the ways the service does (tracked entities, a bulk UPDATE) and through the API.</summary>
    private async Task<Changed> ChangeDossiersAsync()
    {
        using (var scope = Fixture.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            var seeded = db.Dossiers.Where(d => d.Code.StartsWith("SLA."));
            // An open dossier of October finished after its appointment, in November.
            DateTimeOffset oct1 = Vn(10, 1, 0), oct5 = Vn(10, 5, 0), oct20 = Vn(10, 20, 0), nov1 = Vn(11, 1, 0), nov30 = Vn(11, 30, 0);
            var late = await seeded.Where(d => d.CompetentUnit == "20242" && d.Status == 4 && d.ReceivedAt < oct20 && d.ReceivedAt >= oct1)
                .OrderBy(d => d.Code).FirstAsync();
            late.Status = 9;
            late.FinishedAt = Vn(11, 20, 10);
            Assert.True(late.FinishedAt > late.AppointmentAt);
            // A dossier finished on time in October, then found to have had an apology with a new date: late.
            var extended = await seeded.Where(d => d.CompetentUnit == "20242" && d.ProcedureCode == late.ProcedureCode && (d.Status == 9 || d.Status == 10)
                && d.FinishedAt >= oct1 && d.FinishedAt < nov30 && d.FinishedAt <= d.AppointmentAt && d.ExtendedAt == null).OrderBy(d => d.Code).FirstAsync();
            extended.ExtendedAt = extended.FinishedAt!.Value.AddDays(-1);
            // Paused (awaiting supplement) and resumed.
            foreach (var d in await seeded.Where(d => d.Status == 4 && d.FinishedAt == null).OrderBy(d => d.Code).Skip(10).Take(6).ToListAsync()) d.Status = 5;
            foreach (var d in await seeded.Where(d => d.Status == 5).OrderByDescending(d => d.Code).Take(4).ToListAsync()) d.Status = 4;
            // Handling stopped, and a not yet accepted dossier refused.
            var stopped = await seeded.Where(d => d.Status == 4 && d.FinishedAt == null && d.ReceivedAt < nov1).OrderByDescending(d => d.Code).FirstAsync();
            stopped.Status = 8;
            stopped.FinishedAt = Vn(11, 5, 9);
            var refused = await seeded.Where(d => d.Status == 2).OrderBy(d => d.Code).FirstAsync();
            refused.Status = 3;
            refused.FinishedAt = refused.ReceivedAt.AddMinutes(30);
            // The cut-over moves an open dossier to another competent unit; a finished one changes procedure by a correction.
            var moved = await seeded.Where(d => d.CompetentUnit == "20242" && d.FinishedAt == null && d.Status == 4).OrderByDescending(d => d.Code).FirstAsync();
            moved.CompetentUnit = "20209";
            var corrected = await seeded.Where(d => d.Status == 10 && d.ProcedureCode == "1.000894").OrderBy(d => d.Code).FirstAsync();
            corrected.ProcedureCode = "2.000305";
            // A finished dossier reopened (its result withdrawn for a correction): open again, nothing finished.
            var reopened = await seeded.Where(d => d.Status == 9 && d.FinishedAt >= oct5).OrderByDescending(d => d.Code).FirstAsync();
            reopened.Status = 4;
            reopened.FinishedAt = null;
            await db.SaveChangesAsync();

            // A bulk UPDATE that no change tracking sees: accepted dossiers of Thanh Khê go to awaiting payment.
            var bulk = await seeded.Where(d => d.CompetentUnit == "20209" && d.Status == 2).ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, 6));
            Assert.True(bulk > 0);
            // And a dossier deleted outright.
            await seeded.Where(d => d.Status == 7).OrderBy(d => d.Code).Take(1).ExecuteDeleteAsync();
            var result = new Changed(late.ProcedureCode);

            // Through the API: a dossier received today at the desk and given an apology with a new date.
            var reception = await Fixture.AsAsync("reception.hai-chau");
            var response = await reception.Http.PostAsJsonAsync("/api/dossiers", new
            {
                procedureCode = "1.000894", receivingUnit = "20242", channel = 1,
                applicant = new { type = "citizen", name = "Nguyễn Văn Tổng Hợp", idNumber = "048090001234" }, subject = new { unitCode = "20242" },
            });
            await reception.ExpectAsync(response, HttpStatusCode.Created, "receive");
            var received = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            var code = received["code"]!.GetValue<string>();
            var appointment = received["appointmentAt"]!.GetValue<DateTimeOffset>();
            var officer = await Fixture.AsAsync("officer.hai-chau");
            await officer.ExpectAsync(await officer.Http.PostAsJsonAsync($"/api/dossiers/{code}/extension",
                new { newAppointmentAt = appointment.AddDays(3), reason = "Chờ xác minh" }), HttpStatusCode.OK, "extension");
            return result;
        }
    }

    private static SlaRow Row(SlaReport report, string unit, string procedure) => report.Rows.Single(r => r.Unit == unit && r.Procedure == procedure);

    private static int Sum(SlaReport report, Func<SlaRow, int> figure) => report.Rows.Sum(figure);

    private static string Describe(SlaScope scope) => $"units={(scope.Units is null ? "all" : string.Join(",", scope.Units))} procedure={scope.Procedure ?? "all"}";

    private static async Task<List<string>> DailyAsync(WorkflowDbContext db) =>
        (await db.SlaDaily.AsNoTracking().ToListAsync())
            .Where(r => r.Received != 0 || r.Open != 0 || r.Paused != 0 || r.Finished != 0 || r.Early != 0 || r.OnTime != 0 || r.Late != 0 || r.Stopped != 0)
            .Select(r => $"{r.UnitCode} {r.ProcedureCode} {r.Day:yyyy-MM-dd} {r.Received} {r.Open} {r.Paused} {r.Finished} {r.Early} {r.OnTime} {r.Late} {r.Stopped}")
            .Order(StringComparer.Ordinal).ToList();
}
