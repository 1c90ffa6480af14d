using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Server.Tests.Infrastructure;
using WorkflowHost.Server.Tests.Reports;

namespace WorkflowHost.Server.Tests.Specification;

/// <summary>The dashboard suite's host: the shipped procedures, and a database that also holds the 10,000 dossiers of <see cref="SlaSeed"/>.</summary>
public sealed class SlaSeededSetup : HostSetup
{
    public override bool ShippedProcedures => true;

    public override Task AfterStartAsync(IServiceProvider services) => SlaSeed.SeedAsync(services);
}

/// <summary>
/// The SLA dashboard's API over 10,000 seeded dossiers and over real dossiers received on the shipped marriage
/// registration: figures equal to a direct count, a manager sees only their ward, exports read back to the same rows,
/// deadline lists and bottlenecks follow the steps' due instants.
/// </summary>
public abstract class ReportsApiTestBase<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture, IHostFixture<SlaSeededSetup>
{
    protected TFixture Fixture { get; } = fixture;

    private const string Period = "from=2025-10-01&to=2025-11-30";
    private static readonly DateOnly From = new(2025, 10, 1), To = new(2025, 11, 30);

    private async Task<List<DossierEntity>> SeededAsync()
    {
        using var scope = Fixture.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        return await db.Dossiers.AsNoTracking().Where(d => d.Code.StartsWith("SLA.")).ToListAsync();
    }

    private static List<SlaOracle.Row> Rows(JsonObject report) => report["rows"]!.AsArray().Select(r => new SlaOracle.Row(
        r!["unit"]!.GetValue<string>(), r["procedure"]!.GetValue<string>(), r["received"]!.GetValue<int>(), r["inProgress"]!.GetValue<int>(),
        r["paused"]!.GetValue<int>(), r["early"]!.GetValue<int>(), r["onTime"]!.GetValue<int>(), r["late"]!.GetValue<int>(), r["carriedOver"]!.GetValue<int>())).ToList();

    [Fact]
    public virtual async Task Report_EqualsDirectCount_OverTenThousandSeededDossiers()
    {
        var admin = await Fixture.AsAsync("admin");
        var report = await admin.GetAsync<JsonObject>($"/api/reports/sla?{Period}");
        var seeded = await SeededAsync();
        Assert.Equal(SlaSeed.Count, seeded.Count);

        var expected = SlaOracle.Report(seeded, From, To, _ => true);
        var actual = Rows(report);
        Assert.Equal(9, actual.Count);
        Assert.Equal(expected, actual);
        // Every group is populated, so a grouping that always answered zero could not pass.
        Assert.All(actual, r => Assert.True(r.Received > 0 && r.InProgress > 0 && r.Paused > 0 && r.Early > 0 && r.OnTime > 0 && r.Late > 0 && r.CarriedOver > 0, r.ToString()));

        // Received and carried over once more as plain SQL counts per unit and procedure.
        using var scope = Fixture.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        // UTC like the stored receipts and finishes: SQLite compares the stored ticks, offset included.
        var start = new DateTimeOffset(2025, 10, 1, 0, 0, 0, SlaSeed.Local).ToUniversalTime();
        var end = new DateTimeOffset(2025, 12, 1, 0, 0, 0, SlaSeed.Local).ToUniversalTime();
        foreach (var row in actual)
        {
            var unit = row.Unit;
            var procedure = row.Procedure;
            var accepted = db.Dossiers.Where(d => d.Code.StartsWith("SLA.") && d.CompetentUnit == unit && d.ProcedureCode == procedure && d.Status != 1 && d.Status != 3);
            Assert.Equal(await accepted.CountAsync(d => d.ReceivedAt >= start && d.ReceivedAt < end), row.Received);
            Assert.Equal(await accepted.CountAsync(d => d.ReceivedAt < start && (d.FinishedAt == null || d.FinishedAt >= start)), row.CarriedOver);
        }
        foreach (var r in report["rows"]!.AsArray())
        {
            var finished = r!["early"]!.GetValue<int>() + r["onTime"]!.GetValue<int>() + r["late"]!.GetValue<int>();
            Assert.Equal(Math.Round((double)(finished - r["late"]!.GetValue<int>()) / finished, 4), r["onTimeRate"]!.GetValue<double>(), 6);
        }
        Assert.Equal(0.95, report["target"]!.GetValue<double>());
    }

    [Fact]
    public virtual async Task Report_ShowsOnlyTheManagersWard_AndAnswers404_ForAnotherWard()
    {
        var manager = await Fixture.AsAsync("manager.hai-chau");
        var actual = Rows(await manager.GetAsync<JsonObject>($"/api/reports/sla?{Period}"));
        var expected = SlaOracle.Report(await SeededAsync(), From, To, unit => unit == "20242");
        Assert.Equal(expected, actual);
        Assert.All(actual, r => Assert.Equal("20242", r.Unit));
        Assert.Equal(3, actual.Count);

        var problem = await ApiClient.ProblemAsync(await manager.Http.GetAsync($"/api/reports/sla?{Period}&unit=20209"), HttpStatusCode.NotFound);
        Assert.Contains("20209", problem["detail"]!.GetValue<string>());
        var other = Rows(await (await Fixture.AsAsync("manager.thanh-khe")).GetAsync<JsonObject>($"/api/reports/sla?{Period}"));
        Assert.All(other, r => Assert.Equal("20209", r.Unit));
        Assert.NotEmpty(other);
        var oneProcedure = Rows(await manager.GetAsync<JsonObject>($"/api/reports/sla?{Period}&procedure=1.000894"));
        Assert.Equal(expected.Where(r => r.Procedure == "1.000894"), oneProcedure);
    }

    [Theory]
    [InlineData("/api/reports/sla?from=2025-13-01", "from")]
    [InlineData("/api/reports/sla?from=2025-11-01&to=2025-10-01", "to")]
    [InlineData("/api/reports/sla?from=2024-01-01&to=2025-06-30", "to")]
    [InlineData("/api/reports/sla?format=pdf", "format")]
    [InlineData("/api/reports/sla/trend?bucket=month", "bucket")]
    [InlineData("/api/reports/bottlenecks", "procedure")]
    [InlineData("/api/reports/bottlenecks?procedure=1.000894&version=x", "version")]
    [InlineData("/api/reports/bottlenecks?procedure=1.000894&version=99", "version")]
    public virtual async Task Reports_Answer422NamingTheField_WhenAParameterIsBad(string url, string field)
    {
        var manager = await Fixture.AsAsync("manager.hai-chau");
        var problem = await ApiClient.ProblemAsync(await manager.Http.GetAsync(url), HttpStatusCode.UnprocessableEntity);
        Assert.Contains(problem["errors"]!.AsArray(), e => e!["field"]?.GetValue<string>() == field);
    }

    [Fact]
    public virtual async Task Reports_AreForbidden_ToAnOfficer_AndNeedSignIn()
    {
        var officer = await Fixture.AsAsync("officer.hai-chau");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.Http.GetAsync($"/api/reports/sla?{Period}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Fixture.Anonymous().Http.GetAsync($"/api/reports/sla?{Period}")).StatusCode);
    }

    [Fact]
    public virtual async Task Exports_ReadBackToTheSameRows_InXlsxAndCsv()
    {
        var manager = await Fixture.AsAsync("manager.hai-chau");
        var json = Rows(await manager.GetAsync<JsonObject>($"/api/reports/sla?{Period}"));

        var xlsx = await manager.Http.GetAsync($"/api/reports/sla?{Period}&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        Assert.Equal("sla-20251001-20251130.xlsx", xlsx.Content.Headers.ContentDisposition!.FileNameStar ?? xlsx.Content.Headers.ContentDisposition.FileName);
        using var sheet = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var fromXlsx = sheet.Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().Select(r => new SlaOracle.Row(
            (string)r["unit"]!, (string)r["procedure"]!, Int(r["received"]), Int(r["inProgress"]), Int(r["paused"]), Int(r["early"]), Int(r["onTime"]),
            Int(r["late"]), Int(r["carriedOver"]))).ToList();
        Assert.Equal(json, fromXlsx);

        var csv = await manager.Http.GetAsync($"/api/reports/sla?{Period}&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        using var reader = CsvReader.Create(await csv.Content.ReadAsStreamAsync(), CsvReaderOptions.Default, false);
        var fromCsv = new List<SlaOracle.Row>();
        while (reader.Read())
            fromCsv.Add(new SlaOracle.Row(reader.GetString("unit"), reader.GetString("procedure"), int.Parse(reader.GetString("received")),
                int.Parse(reader.GetString("inProgress")), int.Parse(reader.GetString("paused")), int.Parse(reader.GetString("early")),
                int.Parse(reader.GetString("onTime")), int.Parse(reader.GetString("late")), int.Parse(reader.GetString("carriedOver"))));
        Assert.Equal(json, fromCsv);
        Assert.Equal(3, fromCsv.Count);
    }

    private static int Int(object? cell) => Convert.ToInt32(cell, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public virtual async Task Trend_AddsUpToTheReport_PerDayAndPerWeek()
    {
        var manager = await Fixture.AsAsync("manager.hai-chau");
        var rows = Rows(await manager.GetAsync<JsonObject>($"/api/reports/sla?{Period}"));
        foreach (var bucket in new[] { "day", "week" })
        {
            var trend = await manager.GetAsync<JsonObject>($"/api/reports/sla/trend?{Period}&bucket={bucket}");
            var points = trend["points"]!.AsArray();
            // 1 October 2025 is a Wednesday: its first week is cut to Wednesday-Sunday, the ninth ends on Sunday 30 November.
            Assert.Equal(bucket == "day" ? 61 : 9, points.Count);
            Assert.Equal(rows.Sum(r => r.Received), points.Sum(p => p!["received"]!.GetValue<int>()));
            // The report's finished group also holds nothing else: early + on time + late.
            Assert.Equal(rows.Sum(r => r.Early + r.OnTime + r.Late), points.Sum(p => p!["finished"]!.GetValue<int>()));
            Assert.Equal(rows.Sum(r => r.Early + r.OnTime), points.Sum(p => p!["onTime"]!.GetValue<int>()));
        }
    }

    [Fact]
    public virtual async Task Deadlines_ListTheWardsOverdueAndDueSoonSteps_NeverAnotherWards()
    {
        var haiChau = await ReceiveAsync("reception.hai-chau", "20242", 2);
        var thanhKhe = await ReceiveAsync("reception.thanh-khe", "20209", 1);
        await SetDueAsync(haiChau[0], TimeSpan.FromHours(-3));
        await SetDueAsync(haiChau[1], TimeSpan.FromMinutes(30));
        await SetDueAsync(thanhKhe[0], TimeSpan.FromHours(-3));

        var lists = await (await Fixture.AsAsync("manager.hai-chau")).GetAsync<JsonObject>("/api/reports/deadlines");
        var overdue = lists["overdue"]!.AsArray().Select(i => i!["dossierCode"]!.GetValue<string>()).ToList();
        var dueSoon = lists["dueSoon"]!.AsArray().Select(i => i!["dossierCode"]!.GetValue<string>()).ToList();
        Assert.Contains(haiChau[0], overdue);
        Assert.DoesNotContain(haiChau[1], overdue);
        Assert.Contains(haiChau[1], dueSoon);
        Assert.DoesNotContain(haiChau[0], dueSoon);
        Assert.DoesNotContain(thanhKhe[0], overdue.Concat(dueSoon));
        Assert.All(lists["overdue"]!.AsArray(), i => Assert.Equal("20242", i!["unit"]!.GetValue<string>()));
        var item = lists["overdue"]!.AsArray().First(i => i!["dossierCode"]!.GetValue<string>() == haiChau[0])!;
        Assert.Equal("appraise", item["elementId"]!.GetValue<string>());
        Assert.Contains(thanhKhe[0], (await (await Fixture.AsAsync("manager.thanh-khe")).GetAsync<JsonObject>("/api/reports/deadlines"))["overdue"]!.AsArray()
            .Select(i => i!["dossierCode"]!.GetValue<string>()));
    }

    [Fact]
    public virtual async Task Bottlenecks_CountTheWardsOpenStepsPerElement_WithMedianAndOverdue()
    {
        var codes = await ReceiveAsync("reception.ngu-hanh-son", "20285", 3);
        await SetDueAsync(codes[0], TimeSpan.FromHours(-1));
        var manager = await Fixture.AsAsync("manager.ngu-hanh-son");
        var bottleneck = await manager.GetAsync<JsonObject>("/api/reports/bottlenecks?procedure=1.000894");
        Assert.Equal("1.000894", bottleneck["procedure"]!.GetValue<string>());
        var appraise = bottleneck["elements"]!.AsArray().Single(e => e!["elementId"]!.GetValue<string>() == "appraise")!;
        Assert.Equal(3, appraise["open"]!.GetValue<int>());
        Assert.Equal(1, appraise["overdue"]!.GetValue<int>());
        Assert.InRange(appraise["medianHoursSpent"]!.GetValue<double>(), 0, 1);
        // Another ward's manager sees none of these steps.
        var other = await (await Fixture.AsAsync("manager.hai-chau")).GetAsync<JsonObject>($"/api/reports/bottlenecks?procedure=1.000894&version={bottleneck["version"]}");
        Assert.DoesNotContain(other["elements"]!.AsArray(), e => e!["elementId"]!.GetValue<string>() == "appraise" && e["overdue"]!.GetValue<int>() >= 1
            && e["open"]!.GetValue<int>() == 3);
    }

    [Fact]
    public virtual async Task Bottlenecks_EqualDirectCount_OverSixHundredOpenSteps_ForTheAdminAWardAndAUnitFilter()
    {
        var (key, version) = await SeedOpenStepsAsync();
        var admin = await Fixture.AsAsync("admin");
        var manager = await Fixture.AsAsync("manager.hai-chau");
        foreach (var (client, query, units) in new (ApiClient, string, string[]?)[]
                 {
                     (admin, "", null), (admin, "&unit=20209", ["20209"]), (manager, "", ["20242"]),
                 })
        {
            var before = DateTimeOffset.UtcNow;
            var answer = await client.GetAsync<JsonObject>($"/api/reports/bottlenecks?procedure=1.000894{query}");
            var after = DateTimeOffset.UtcNow;
            Assert.Equal(version, answer["version"]!.GetValue<int>());
            var expected = await DirectBottleneckAsync(key, version, units);
            var actual = answer["elements"]!.AsArray().Select(e => e!).ToList();
            Assert.Equal(expected.Select(e => e.ElementId), actual.Select(e => e["elementId"]!.GetValue<string>()));
            foreach (var (want, got) in expected.Zip(actual))
            {
                Assert.Equal(want.Open, got["open"]!.GetValue<int>());
                Assert.Equal(want.Overdue, got["overdue"]!.GetValue<int>());
                Assert.Contains(got["name"]!.GetValue<string>(), want.Names);
                // The server's "now" fell between before and after; the median grows with it, one hour per hour.
                Assert.InRange(got["medianHoursSpent"]!.GetValue<double>(), Math.Round(want.MedianAt(before), 2), Math.Round(want.MedianAt(after), 2));
            }
            // Both an odd and an even number of open steps somewhere, so both ways of taking the middle are compared.
            if (units is null) Assert.True(expected.Any(e => e.Open % 2 == 0) && expected.Any(e => e.Open % 2 == 1));
        }
    }

    private sealed record DirectElement(string ElementId, int Open, int Overdue, HashSet<string?> Names, List<DateTimeOffset> Created)
    {
        /// <summary>The median of the hours spent at <paramref name="now"/>, taken over every open step as the view once did in memory.</summary>
        public double MedianAt(DateTimeOffset now)
        {
            var hours = Created.Select(c => (now - c).TotalHours).Order().ToList();
            return hours.Count % 2 == 1 ? hours[hours.Count / 2] : (hours[hours.Count / 2 - 1] + hours[hours.Count / 2]) / 2;
        }
    }

    /// <summary>The open steps of the version read row by row, grouped and counted here: the answer the view must give.</summary>
    private async Task<List<DirectElement>> DirectBottleneckAsync(string key, int version, string[]? units)
    {
        using var scope = Fixture.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var steps = await (from t in db.Tasks.AsNoTracking()
                           join i in db.Instances.AsNoTracking() on t.InstanceId equals i.Id
                           where t.State == TaskState.Open && i.DefinitionKey == key && i.DefinitionVersion == version
                           select new { t.ElementId, t.Name, t.CreatedAt, t.DueAt, t.UnitCode }).ToListAsync();
        var now = DateTimeOffset.UtcNow;
        return steps.Where(t => units is null || (t.UnitCode is { } u && units.Contains(u))).GroupBy(t => t.ElementId)
            .Select(g => new DirectElement(g.Key, g.Count(), g.Count(t => t.DueAt < now), g.Select(t => (string?)t.Name).ToHashSet(), g.Select(t => t.CreatedAt).ToList()))
            .OrderByDescending(e => e.Open).ThenBy(e => e.ElementId, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// 600 open steps of the published marriage registration in two wards (151, 150, 190 and 109 per element: odd and even
    /// counts), created minutes apart over ten days, some in Vietnam time, due at least an hour from now either way or
    /// never; and steps that must not count: completed ones, and open ones of another process.
    /// </summary>
    private async Task<(string Key, int Version)> SeedOpenStepsAsync()
    {
        using var scope = Fixture.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var definition = await db.Definitions.AsNoTracking().SingleAsync(d => d.Key == "marriage-registration" && d.Status == DefinitionStatus.Published);
        var random = new Random(894);
        var now = DateTimeOffset.UtcNow;
        var elements = new[] { ("appraise", 151), ("verify", 150), ("approve", 190), ("returnResult", 109) };
        var n = 0;
        foreach (var (element, count) in elements)
            for (var k = 0; k < count; k++, n++)
                Add(definition.Key, definition.Version, element, TaskState.Open);
        for (var k = 0; k < 40; k++)
        {
            Add(definition.Key, definition.Version, "appraise", TaskState.Completed);
            Add("another-process", 1, "appraise", TaskState.Open);
        }
        await db.SaveChangesAsync();
        return (definition.Key, definition.Version);

        void Add(string key, int version, string element, string state)
        {
            var instance = new InstanceEntity
            {
                Id = Guid.NewGuid(), DefinitionKey = key, DefinitionVersion = version, Status = InstanceRowStatus.Active, StateJson = "{}",
                StartedAt = now.AddDays(-11), UpdatedAt = now, Revision = Guid.NewGuid(),
            };
            var created = now.AddMinutes(-60 - random.Next(14_400)).AddSeconds(random.Next(60));
            var hours = random.Next(1, 72) * (random.Next(2) == 0 ? -1 : 1);
            db.Instances.Add(instance);
            db.Tasks.Add(new TaskEntity
            {
                Id = Guid.NewGuid(), InstanceId = instance.Id, EngineTaskId = 1, ElementId = element, Name = "Bước " + element, ElementType = "userTask",
                State = state, CreatedAt = n % 3 == 0 ? created.ToOffset(SlaSeed.Local) : created, DueAt = n % 10 == 0 ? null : now.AddHours(hours),
                UnitCode = n % 2 == 0 ? "20242" : "20209",
            });
        }
    }

    private async Task<List<string>> ReceiveAsync(string user, string unit, int count)
    {
        var reception = await Fixture.AsAsync(user);
        var codes = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var response = await reception.Http.PostAsJsonAsync("/api/dossiers", new
            {
                procedureCode = "1.000894", receivingUnit = unit, channel = 1,
                applicant = new { type = "citizen", name = $"Trần Thị Bình {i}", idNumber = "048090001234" }, subject = new { unitCode = unit },
            });
            await reception.ExpectAsync(response, HttpStatusCode.Created, "receive");
            codes.Add((await response.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());
        }
        return codes;
    }

    /// <summary>Moves the dossier's open step's due instant relative to now, as the clock passing would.</summary>
    private async Task SetDueAsync(string code, TimeSpan fromNow)
    {
        using var scope = Fixture.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var deadline = Open(code);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var task = await db.Tasks.Join(db.Dossiers, t => t.DossierId, d => d.Id, (t, d) => new { t, d })
                .Where(x => x.d.Code == code && x.t.State == TaskState.Open).Select(x => x.t).FirstOrDefaultAsync();
            if (task is not null)
            {
                task.DueAt = DateTimeOffset.UtcNow.Add(fromNow).ToOffset(SlaSeed.Local);
                await db.SaveChangesAsync();
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail(deadline);
    }

    private static string Open(string code) => $"Dossier {code} has no open step.";
}
