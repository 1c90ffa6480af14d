using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WorkflowHost.Server.Tests.Infrastructure;
using static WorkflowHost.Server.Tests.Infrastructure.DossierSteps;
using WorkflowHost.Testing;

namespace WorkflowHost.Server.Tests.Specification;

/// <summary>
/// The routing suite's host: the shipped procedures and routing tables, on a clock that runs from the real now and is
/// moved to the receipt date a scenario needs (it runs on from there, so what the host records one after another
/// keeps its order).
/// </summary>
public sealed class RoutingSetup() : ClockSetup(SettableClock.RunningFrom(DateTimeOffset.UtcNow))
{
    public override bool ShippedProcedures => true;
}

/// <summary>
/// Reception regardless of administrative boundaries (issue 13) on the shipped procedures, units and routing table of
/// Đà Nẵng: where a dossier is worked and returned, old ward names, split units, refusals outside jurisdiction, the
/// district and ward versions either side of 2025-07-01, editing the table, custody of originals, and the cut-over.
/// The host's clock is moved to the day each scenario needs.
/// </summary>
public abstract class RoutingApiTestBase<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture, IHostFixture<ClockSetup>
{
    protected TFixture Fixture { get; } = fixture;

    private const string HaiChau = "20242";
    private const string ThanhKhe = "20209";
    private const string NguHanhSon = "20285";
    private const string Marriage = "1.000894";
    private const string Permit = "9.900001";
    private const string Land = "9.900002";

    private static object Receipt(string procedure, string receiving, object subject, string applicant = "Nguyễn Văn An", string type = "citizen") => new
    {
        procedureCode = procedure, receivingUnit = receiving, channel = 1,
        applicant = new { type, name = applicant, idNumber = "048090001234" }, subject,
    };

    private static async Task<JsonObject> ResolveAsync(ApiClient client, object body)
    {
        var response = await client.Http.PostAsJsonAsync("/api/routing/resolve", body);
        await client.ExpectAsync(response, HttpStatusCode.OK, "POST /api/routing/resolve");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task<int> DossierCountAsync() =>
        (await (await Fixture.AsAsync("admin")).GetAsync<JsonObject>("/api/dossiers?limit=1"))["total"]!.GetValue<int>();

    [Fact]
    public virtual async Task Land_AtNguHanhSonReceivedAtHaiChau_IsWorkedInNguHanhSonsQueue_AndReturnedAtHaiChau()
    {
        Fixture.Setup.Clock.SetLocal(2025, 8, 4);
        var desk = await Fixture.AsAsync("reception.hai-chau");
        var received = await ReceiveAsync(desk, Receipt(Land, HaiChau, new { unitCode = NguHanhSon, parcel = "12/345", address = "45 Lê Văn Hiến" }, "Lê Thị Đất"));
        var code = received["code"]!.GetValue<string>();
        Assert.Equal((HaiChau, NguHanhSon, HaiChau), (received["receivingUnit"]!.GetValue<string>(), received["competentUnit"]!.GetValue<string>(), received["returnUnit"]!.GetValue<string>()));

        // Receipt steps stay at the desk that received it: digitise, then post the originals.
        await CompleteAsync(desk, await OpenTaskAsync(desk, code, "digitise"), new { pagesScanned = 14 });
        await CompleteAsync(desk, await OpenTaskAsync(desk, code, "sendOriginals"), new { trackingNumber = "EB123456789VN" });
        var sent = await desk.Http.PostAsJsonAsync($"/api/dossiers/{code}/custody", new { kind = "sent", trackingNumber = "EB123456789VN", carrier = "VNPost" });
        await desk.ExpectAsync(sent, HttpStatusCode.OK, "custody sent");

        // Processing is Ngũ Hành Sơn's: in its officers' queue, not in Hải Châu's.
        var officer = await Fixture.AsAsync("officer.ngu-hanh-son");
        var appraise = await OpenTaskAsync(officer, code, "appraise");
        Assert.Equal(NguHanhSon, appraise["unitCode"]?.GetValue<string>() ?? (await DossierTaskUnitAsync(code, "appraise")));
        Assert.Null(await FindTaskAsync(await Fixture.AsAsync("officer.hai-chau"), code, "appraise"));
        var arrived = await officer.Http.PostAsJsonAsync($"/api/dossiers/{code}/custody", new { kind = "received", trackingNumber = "EB123456789VN" });
        await officer.ExpectAsync(arrived, HttpStatusCode.OK, "custody received");
        await CompleteAsync(officer, appraise, new { opinion = "Đủ điều kiện" });
        var leader = await Fixture.AsAsync("leader.ngu-hanh-son");
        await CompleteAsync(leader, await OpenTaskAsync(leader, code, "approve"), new { approved = true });

        // The result goes back where the citizen filed it.
        var returnTask = await OpenTaskAsync(desk, code, "returnResult");
        Assert.Null(await FindTaskAsync(await Fixture.AsAsync("reception.ngu-hanh-son"), code, "returnResult"));
        await CompleteAsync(desk, returnTask, new { certificateNumber = "CS 0012" });

        var dossier = await desk.GetAsync<JsonObject>($"/api/dossiers/{code}");
        Assert.Equal(10, dossier["status"]!.GetValue<int>());
        Assert.Equal("land-branch-2025", dossier["routing"]!["rule"]!.GetValue<string>());
        var custody = dossier["custody"]!.AsArray();
        Assert.Equal(["sent", "received"], custody.Select(c => c!["kind"]!.GetValue<string>()));
        Assert.All(custody, c => Assert.Equal((HaiChau, NguHanhSon), (c!["fromUnit"]!["code"]!.GetValue<string>(), c["toUnit"]!["code"]!.GetValue<string>())));
        var slipSteps = dossier["slip"]!.AsArray().Select(s => s!["step"]!.GetValue<string>()).ToList();
        Assert.Contains("Gửi bản gốc qua bưu chính", slipSteps);
        Assert.Contains("Nhận bản gốc", slipSteps);
        Assert.Contains(dossier["slip"]!.AsArray(), s => s!["note"]?.GetValue<string>()?.Contains("EB123456789VN", StringComparison.Ordinal) == true);
    }

    private async Task<string?> DossierTaskUnitAsync(string code, string elementId) =>
        (await (await Fixture.AsAsync("admin")).GetAsync<JsonObject>($"/api/dossiers/{code}"))["tasks"]!.AsArray()
            .Select(t => t!.AsObject()).Last(t => t["elementId"]!.GetValue<string>() == elementId)["unitCode"]?.GetValue<string>();

    [Fact]
    public virtual async Task Subject_WrittenAsPhuongThachThang_IsRoutedToHaiChau_AndKeptAsWritten()
    {
        Fixture.Setup.Clock.SetLocal(2025, 8, 4);
        var desk = await Fixture.AsAsync("reception.thanh-khe");

        // Marriage is boundary independent: filed at Thanh Khê, worked at Hải Châu, where the old ward Thạch Thang now is.
        var received = await ReceiveAsync(desk, Receipt(Marriage, ThanhKhe, new { unitName = "phường Thạch Thang", address = "10 Lê Duẩn" }, "Phạm Văn Cưới"));
        var dossier = await desk.GetAsync<JsonObject>($"/api/dossiers/{received["code"]}");

        Assert.Equal(HaiChau, dossier["competentUnit"]!["code"]!.GetValue<string>());
        Assert.Equal(HaiChau, dossier["subject"]!["unitCode"]!.GetValue<string>());
        Assert.Equal("phường Thạch Thang", dossier["subject"]!["unitName"]!.GetValue<string>());
        Assert.Equal("phường Thạch Thang", dossier["routing"]!["subjectWritten"]!.GetValue<string>());
        Assert.Contains(dossier["routing"]!["explanation"]!.AsArray(), l => l!.GetValue<string>().Contains("Thạch Thang (20233)", StringComparison.Ordinal));
        await OpenTaskAsync(await Fixture.AsAsync("officer.hai-chau"), received["code"]!.GetValue<string>(), "appraise");
    }

    [Fact]
    public virtual async Task SplitOldUnit_WithoutDetail_AnswersAmbiguous_AndIsNotReceived()
    {
        Fixture.Setup.Clock.SetLocal(2025, 8, 4);
        var desk = await Fixture.AsAsync("reception.hai-chau");

        var resolved = await desk.GetAsync<JsonObject>("/api/units/resolve?name=" + Uri.EscapeDataString("xã Hòa Liên") + "&asOf=2025-08-01");
        Assert.True(resolved["ambiguous"]!.GetValue<bool>());
        Assert.Null(resolved["unit"]);
        Assert.Equal(["20194", "20197"], resolved["candidates"]!.AsArray().Select(c => c!["unit"]!["code"]!.GetValue<string>()).Order());

        var before = await DossierCountAsync();
        var problem = await ApiClient.ProblemAsync(await desk.Http.PostAsJsonAsync("/api/dossiers", Receipt(Marriage, HaiChau, new { unitName = "Hoa Lien" })),
            HttpStatusCode.UnprocessableEntity);
        var error = Assert.Single(problem["errors"]!.AsArray());
        Assert.Equal("subject.unitName", error!["field"]!.GetValue<string>());
        Assert.Contains("Hải Vân (20194)", error["message"]!.GetValue<string>());
        Assert.Equal(before, await DossierCountAsync());

        var plain = await desk.GetAsync<JsonObject>("/api/units/resolve?name=thach%20thang&asOf=2025-08-01");
        Assert.Equal((HaiChau, false), (plain["unit"]!["code"]!.GetValue<string>(), plain["ambiguous"]!.GetValue<bool>()));
        Assert.Equal(["20233"], plain["via"]!.AsArray().Select(v => v!["code"]!.GetValue<string>()));
        await ApiClient.ProblemAsync(await desk.Http.GetAsync("/api/units/resolve?name=Atlantis"), HttpStatusCode.NotFound);
        await ApiClient.ProblemAsync(await desk.Http.GetAsync("/api/units/resolve?name=Hai%20Chau&asOf=1.7.2025"), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public virtual async Task ProcedureOffTheList_IsRefusedAtAForeignCentre_NamingTheCompetentCentre()
    {
        Fixture.Setup.Clock.SetLocal(2025, 8, 4);
        var desk = await Fixture.AsAsync("reception.hai-chau");
        var body = Receipt(Permit, HaiChau, new { unitCode = NguHanhSon, address = "3 Non Nước" });

        var before = await DossierCountAsync();
        var problem = await ApiClient.ProblemAsync(await desk.Http.PostAsJsonAsync("/api/dossiers", body), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("receivingUnit", problem["errors"]![0]!["field"]!.GetValue<string>());
        Assert.Contains("phường Ngũ Hành Sơn (20285)", problem["detail"]!.GetValue<string>());
        Assert.Equal(before, await DossierCountAsync());

        var tried = await ResolveAsync(desk, new { procedureCode = Permit, subject = new { unitCode = NguHanhSon }, applicantType = "citizen", channel = 1, receivingUnit = HaiChau });
        Assert.False(tried["allowed"]!.GetValue<bool>());
        Assert.Equal(NguHanhSon, tried["refusal"]!["competentCentre"]!["code"]!.GetValue<string>());
        Assert.Equal("ward-2025", tried["rule"]!["id"]!.GetValue<string>());
        Assert.NotEmpty(tried["explanation"]!.AsArray());

        // At its own centre it is received.
        var own = await ReceiveAsync(await Fixture.AsAsync("reception.ngu-hanh-son"), Receipt(Permit, NguHanhSon, new { unitCode = NguHanhSon }));
        Assert.Equal(NguHanhSon, own["competentUnit"]!.GetValue<string>());
    }

    [Fact]
    public virtual async Task ConstructionPermit_ReceivedOn20250630_RunsTheDistrictVersion_AndOn20250701_TheWardVersion()
    {
        var admin = await Fixture.AsAsync("admin");
        Fixture.Setup.Clock.SetLocal(2025, 6, 30);
        // 20285 on 2025-06-30 is phường Khuê Mỹ of quận Ngũ Hành Sơn (494): the district is competent.
        var before = await ReceiveAsync(admin, Receipt(Permit, "494", new { unitCode = "20285" }, "Võ Văn Xây"));
        Fixture.Setup.Clock.SetLocal(2025, 7, 1);
        var after = await ReceiveAsync(await Fixture.AsAsync("reception.ngu-hanh-son"), Receipt(Permit, NguHanhSon, new { unitName = "phường Khuê Mỹ" }, "Võ Văn Xây"));

        var old = await admin.GetAsync<JsonObject>($"/api/dossiers/{before["code"]}");
        var @new = await admin.GetAsync<JsonObject>($"/api/dossiers/{after["code"]}");
        Assert.Equal((1, "construction-permit-district", "494"),
            (old["procedure"]!["version"]!.GetValue<int>(), old["routing"]!["processKey"]!.GetValue<string>(), old["competentUnit"]!["code"]!.GetValue<string>()));
        Assert.Equal((2, "construction-permit", NguHanhSon),
            (@new["procedure"]!["version"]!.GetValue<int>(), @new["routing"]!["processKey"]!.GetValue<string>(), @new["competentUnit"]!["code"]!.GetValue<string>()));
        Assert.Equal("construction-permit-district", (await admin.InstanceAsync(before["instanceId"]!.GetValue<Guid>())).DefinitionKey);
        Assert.Equal("construction-permit", (await admin.InstanceAsync(after["instanceId"]!.GetValue<Guid>())).DefinitionKey);
        Assert.Equal(("district-procedures-2020", "ward-2025"), (old["routing"]!["rule"]!.GetValue<string>(), @new["routing"]!["rule"]!.GetValue<string>()));
        Assert.Null(old["routing"]!["versionRule"]);
    }

    [Fact]
    public virtual async Task VersionRule_SendsTheTrialSitesDossierToTheWardProcess_AndRecordsTheRule()
    {
        var admin = await Fixture.AsAsync("admin");
        Fixture.Setup.Clock.SetLocal(2025, 6, 23);
        var trial = await ReceiveAsync(admin, Receipt(Permit, "494", new { unitCode = "20284" }, "Trần Thử Nghiệm")); // Mỹ An, quận Ngũ Hành Sơn
        var elsewhere = await ReceiveAsync(admin, Receipt(Permit, "492", new { unitCode = "20233" }, "Trần Thử Nghiệm")); // Thạch Thang, quận Hải Châu

        var atTrial = await admin.GetAsync<JsonObject>($"/api/dossiers/{trial["code"]}");
        Assert.Equal(("cp-ward-trial-2025-06", "construction-permit"), (atTrial["routing"]!["versionRule"]!.GetValue<string>(), atTrial["routing"]!["processKey"]!.GetValue<string>()));
        Assert.Contains(atTrial["routing"]!["explanation"]!.AsArray(), l => l!.GetValue<string>().Contains("cp-ward-trial-2025-06", StringComparison.Ordinal));
        Assert.Equal("construction-permit-district", (await admin.GetAsync<JsonObject>($"/api/dossiers/{elsewhere["code"]}"))["routing"]!["processKey"]!.GetValue<string>());
    }

    [Fact]
    public virtual async Task VersionRules_PinProcessVersions_ByCompetentUnit_AndTheDossierRecordsWhichRuleChose()
    {
        Fixture.Setup.Clock.SetLocal(2025, 7, 1);
        var admin = await Fixture.AsAsync("admin");
        var xml = await File.ReadAllTextAsync(Path.Combine(WorkflowHost.Testing.ReferenceData.RepositoryWorkflows, "household-business.bpmn"));
        var v2 = await admin.DeployAsync(xml.Replace("Cấp giấy chứng nhận (Issue the certificate)", "Ký và cấp giấy chứng nhận (Sign and issue)"), publish: true);
        Assert.True(v2.Version >= 2);
        var v1 = v2.Version - 1;

        var owner = await Fixture.AsAsync("owner");
        var table = (await owner.GetAsync<JsonObject>("/api/routing/tables/48"))["table"]!.AsObject();
        table["versionRules"]!.AsArray().Add(new JsonObject
        {
            ["id"] = "hkd-pilot-ward", ["procedureCode"] = "9.900003", ["from"] = "2025-07-01", ["competentUnits"] = new JsonArray(NguHanhSon),
            ["processKey"] = "household-business", ["processVersion"] = v2.Version,
        });
        table["versionRules"]!.AsArray().Add(new JsonObject
        {
            ["id"] = "hkd-elsewhere", ["procedureCode"] = "9.900003", ["processKey"] = "household-business", ["processVersion"] = v1,
        });
        await owner.ExpectAsync(await owner.Http.PutAsJsonAsync("/api/routing/tables/48", new { table, note = "household business pilot" }), HttpStatusCode.OK, "save");

        var pilot = await ReceiveAsync(await Fixture.AsAsync("reception.ngu-hanh-son"), Receipt("9.900003", NguHanhSon, new { unitCode = NguHanhSon }, "Hộ kinh doanh Thí Điểm"));
        var other = await ReceiveAsync(await Fixture.AsAsync("reception.hai-chau"), Receipt("9.900003", HaiChau, new { unitCode = HaiChau }, "Hộ kinh doanh Khác"));

        Assert.Equal(v2.Version, (await admin.InstanceAsync(pilot["instanceId"]!.GetValue<Guid>())).Version);
        Assert.Equal(v1, (await admin.InstanceAsync(other["instanceId"]!.GetValue<Guid>())).Version);
        var recorded = (await admin.GetAsync<JsonObject>($"/api/dossiers/{pilot["code"]}"))["routing"]!;
        Assert.Equal(("hkd-pilot-ward", v2.Version), (recorded["versionRule"]!.GetValue<string>(), recorded["processVersion"]!.GetValue<int>()));
        Assert.Equal("hkd-elsewhere", (await admin.GetAsync<JsonObject>($"/api/dossiers/{other["code"]}"))["routing"]!["versionRule"]!.GetValue<string>());
    }

    /// <summary>Issue 12's example on land registration (one process key before and after the reform): the new version at a
    /// pilot ward from 2025-07-01, the old version before and elsewhere. On 2025-06-30 the parcel's unit 20285 is phường
    /// Khuê Mỹ and the dossier is filed at its district (494); from 2025-07-01 the code is phường Ngũ Hành Sơn, the pilot
    /// ward: the rule's date decides, not the code alone. The new version is published through the designer.</summary>
    [Fact]
    public virtual async Task VersionRule_SendsADossierReceivedOn30JuneToV1_AndOneOn1JulyAtAPilotWardToV2()
    {
        var owner = await Fixture.AsAsync("owner");
        var admin = await Fixture.AsAsync("admin");
        var xml = await File.ReadAllTextAsync(Path.Combine(WorkflowHost.Testing.ReferenceData.RepositoryWorkflows, "land-registration.bpmn"));
        var published = await owner.Http.PostAsJsonAsync("/api/designer/drafts/land-registration/publish",
            new { xml = xml.Replace("Tiếp nhận hồ sơ (Dossier received)", "Tiếp nhận hồ sơ tại phường thí điểm (Received at the pilot ward)"), changeNote = "Ward version for the pilot" });
        await owner.ExpectAsync(published, HttpStatusCode.OK, "publish v2 in the designer");
        var v2 = (await published.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>();
        var v1 = v2 - 1;

        var before = (await owner.GetAsync<JsonObject>("/api/routing/tables/48"))["table"]!.AsObject();
        var table = before.DeepClone().AsObject();
        var rules = table["versionRules"]!.AsArray();
        rules.Add(new JsonObject
        {
            ["id"] = "land-pilot-ward", ["procedureCode"] = Land, ["from"] = "2025-07-01", ["receivingUnits"] = new JsonArray(NguHanhSon),
            ["processKey"] = "land-registration", ["processVersion"] = v2,
        });
        rules.Add(new JsonObject { ["id"] = "land-elsewhere", ["procedureCode"] = Land, ["processKey"] = "land-registration", ["processVersion"] = v1 });
        await owner.ExpectAsync(await owner.Http.PutAsJsonAsync("/api/routing/tables/48", new { table, note = "land registration pilot at Ngũ Hành Sơn" }), HttpStatusCode.OK, "save rules");
        try
        {
            Fixture.Setup.Clock.SetLocal(2025, 6, 30);
            var lastDay = await ReceiveAsync(admin, Receipt(Land, "494", new { unitCode = NguHanhSon, parcel = "7/11" }, "Phạm Ngày Cuối"));
            Fixture.Setup.Clock.SetLocal(2025, 7, 1);
            var pilot = await ReceiveAsync(await Fixture.AsAsync("reception.ngu-hanh-son"), Receipt(Land, NguHanhSon, new { unitCode = NguHanhSon, parcel = "7/12" }, "Phạm Ngày Đầu"));
            var elsewhere = await ReceiveAsync(await Fixture.AsAsync("reception.hai-chau"), Receipt(Land, HaiChau, new { unitCode = HaiChau, parcel = "7/13" }, "Phạm Nơi Khác"));

            Assert.Equal([v1, v2, v1], [
                (await admin.InstanceAsync(lastDay["instanceId"]!.GetValue<Guid>())).Version,
                (await admin.InstanceAsync(pilot["instanceId"]!.GetValue<Guid>())).Version,
                (await admin.InstanceAsync(elsewhere["instanceId"]!.GetValue<Guid>())).Version]);
            var recorded = new List<(string?, int, int)>();
            foreach (var code in new[] { lastDay, pilot, elsewhere }.Select(d => d["code"]!.GetValue<string>()))
            {
                var dossier = await admin.GetAsync<JsonObject>($"/api/dossiers/{code}");
                recorded.Add((dossier["routing"]!["versionRule"]?.GetValue<string>(), dossier["routing"]!["processVersion"]!.GetValue<int>(), dossier["procedure"]!["version"]!.GetValue<int>()));
            }
            // The catalogue version in force changes on 1 July as well (v1 → v2 of the procedure), independently of the process version.
            Assert.Equal([("land-elsewhere", v1, 1), ("land-pilot-ward", v2, 2), ("land-elsewhere", v1, 2)], recorded);
        }
        finally
        {
            var current = (await owner.GetAsync<JsonObject>("/api/routing/tables/48"))["table"]!.AsObject();
            before["version"] = current["version"]!.GetValue<int>();
            await owner.ExpectAsync(await owner.Http.PutAsJsonAsync("/api/routing/tables/48", new { table = before, note = "pilot rules removed" }), HttpStatusCode.OK, "restore rules");
        }
    }

    /// <summary>The web app sends the language the clerk chose; field errors, refusals and the routing explanation come
    /// back in it. API clients that do not ask get English.</summary>
    [Fact]
    public virtual async Task ReceiptErrorsAndRoutingExplanation_AreInVietnamese_WhenTheClerkAsksForIt()
    {
        Fixture.Setup.Clock.SetLocal(2025, 8, 4);
        var desk = await Fixture.AsAsync("reception.hai-chau");
        async Task<HttpResponseMessage> SendAsync(string url, object body, string? language, ApiClient? client = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
            if (language is not null) request.Headers.AcceptLanguage.ParseAdd(language);
            return await (client ?? desk).Http.SendAsync(request);
        }
        var bad = new
        {
            procedureCode = Marriage, receivingUnit = HaiChau, channel = 1,
            applicant = new { type = "citizen", name = "Nguyễn Văn An", phone = "0905 abc" }, subject = new { unitCode = HaiChau },
        };
        var before = await DossierCountAsync();

        var vietnamese = await ApiClient.ProblemAsync(await SendAsync("/api/dossiers", bad, "vi-VN,vi;q=0.9"), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Chưa tiếp nhận được hồ sơ; xem các lỗi bên dưới.", vietnamese["detail"]!.GetValue<string>());
        Assert.Equal(("applicant.phone", "Số điện thoại chỉ gồm chữ số, dấu cách và các dấu + . -, tối đa 30 ký tự."),
            (vietnamese["errors"]![0]!["field"]!.GetValue<string>(), vietnamese["errors"]![0]!["message"]!.GetValue<string>()));
        var english = await ApiClient.ProblemAsync(await SendAsync("/api/dossiers", bad, null), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("The phone number has digits, spaces and + . - only, at most 30.", english["errors"]![0]!["message"]!.GetValue<string>());

        // Before the reform a construction permit was the district's: one for Xuân Hà (quận Thanh Khê) filed at quận Hải Châu is refused, in Vietnamese.
        Fixture.Setup.Clock.SetLocal(2025, 6, 30);
        var outside = new { procedureCode = Permit, receivingUnit = "492", channel = 1, applicant = new { type = "citizen", name = "Võ Văn Xây" }, subject = new { unitCode = "20209" } };
        var refused = await ApiClient.ProblemAsync(await SendAsync("/api/dossiers", outside, "vi", await Fixture.AsAsync("admin")), HttpStatusCode.UnprocessableEntity);
        var refusal = refused["errors"]![0]!;
        Assert.Equal("receivingUnit", refusal["field"]!.GetValue<string>());
        Assert.Contains("không thuộc danh mục thủ tục tiếp nhận không phụ thuộc địa giới hành chính", refusal["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await DossierCountAsync());

        // The explanation the desk shows before receiving follows the language too.
        Fixture.Setup.Clock.SetLocal(2025, 8, 4);
        var resolved = await SendAsync("/api/routing/resolve", new { procedureCode = Land, subject = new { unitCode = NguHanhSon }, applicantType = "citizen", channel = 1, receivingUnit = HaiChau }, "vi");
        await desk.ExpectAsync(resolved, HttpStatusCode.OK, "resolve in Vietnamese");
        var lines = (await resolved.Content.ReadFromJsonAsync<JsonObject>())!["explanation"]!.AsArray().Select(l => l!.GetValue<string>()).ToList();
        Assert.StartsWith("Thủ tục 9.900002 phiên bản 2", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("kênh trực tiếp, người nộp công dân.", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("Tiếp nhận ngoài địa bàn: được phép", StringComparison.Ordinal));

        // So does the appointment's explanation: which days were skipped and counted, and why.
        async Task<List<string>> ReasonsAsync(string? language)
        {
            var answer = await SendAsync("/api/dossiers/appointment", new { procedureCode = Land, receivedAt = "2025-08-02T09:00:00+07:00" }, language);
            await desk.ExpectAsync(answer, HttpStatusCode.OK, $"appointment ({language ?? "no language"})");
            return (await answer.Content.ReadFromJsonAsync<JsonObject>())!["explanation"]!.AsArray().Select(e => e!["reason"]!.GetValue<string>()).ToList();
        }
        var saturday = await ReasonsAsync("vi");
        Assert.Equal("Thứ Bảy; tiếp nhận vào ngày nghỉ, tính là tiếp nhận vào ngày làm việc kế tiếp", saturday[0]);
        Assert.Equal(["Chủ nhật", "tính là ngày tiếp nhận; bắt đầu tính từ ngày làm việc kế tiếp", "ngày làm việc thứ 1/10"], saturday[1..4]);
        Assert.Equal("Saturday; received on a rest day, counted as received the next working day", (await ReasonsAsync(null))[0]);
    }

    [Fact]
    public virtual async Task RoutingResolve_Answers422NamingEachField_WhenInputIsWrong()
    {
        Fixture.Setup.Clock.SetLocal(2025, 8, 4);
        var desk = await Fixture.AsAsync("reception.hai-chau");

        var problem = await ApiClient.ProblemAsync(await desk.Http.PostAsJsonAsync("/api/routing/resolve",
            new { procedureCode = "9.999999", applicantType = "alien", channel = 9, receivingUnit = "77777" }), HttpStatusCode.UnprocessableEntity);

        Assert.Equal(["procedureCode", "receivingUnit", "channel", "applicantType"], problem["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()));
    }

    [Fact]
    public virtual async Task ProcessOwner_SavesARoutingRow_AndTheNextDossierFollowsIt()
    {
        Fixture.Setup.Clock.SetLocal(2025, 8, 4);
        var owner = await Fixture.AsAsync("owner");
        var current = await owner.GetAsync<JsonObject>("/api/routing/tables/48");
        var table = current["table"]!.AsObject();
        var version = table["version"]!.GetValue<int>();
        var rules = table["rules"]!.AsArray();
        rules.Insert(0, new JsonObject
        {
            ["id"] = "organisations-marriage-thanh-khe", ["procedureCodes"] = new JsonArray("1.000894"), ["applicantTypes"] = new JsonArray("organisation"),
            ["from"] = "2025-07-01", ["competent"] = "fixed", ["competentUnit"] = ThanhKhe, ["returnUnit"] = "competent", ["receivableAnywhere"] = true,
        });

        // A row naming a unit that does not exist is refused, naming the row, and nothing is saved.
        var broken = table.DeepClone().AsObject();
        broken["rules"]![0]!["competentUnit"] = "99999";
        var refused = await ApiClient.ProblemAsync(await owner.Http.PutAsJsonAsync("/api/routing/tables/48", new { table = broken }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains(refused["errors"]!.AsArray(), e => e!["field"]!.GetValue<string>() == "$.rules[0].competentUnit" && e["elementId"]!.GetValue<string>() == "organisations-marriage-thanh-khe");

        var saved = await owner.Http.PutAsJsonAsync("/api/routing/tables/48", new { table, note = "organisations' marriages at Thanh Khê" });
        await owner.ExpectAsync(saved, HttpStatusCode.OK, "save routing table");
        var answer = (await saved.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(version + 1, answer["version"]!.GetValue<int>());
        Assert.Contains(answer["warnings"]!.AsArray(), w => w!["message"]!.GetValue<string>().Contains("overlaps", StringComparison.Ordinal));

        // Saving again from the old version is a conflict, not a silent overwrite.
        await ApiClient.ProblemAsync(await owner.Http.PutAsJsonAsync("/api/routing/tables/48", new { table }), HttpStatusCode.Conflict);
        // Staff cannot save.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Fixture.AsAsync("reception.hai-chau")).Http.PutAsJsonAsync("/api/routing/tables/48", new { table })).StatusCode);

        var received = await ReceiveAsync(await Fixture.AsAsync("reception.hai-chau"),
            Receipt(Marriage, HaiChau, new { unitCode = HaiChau }, "Công ty Cưới Hỏi", type: "organisation"));
        Assert.Equal((ThanhKhe, ThanhKhe), (received["competentUnit"]!.GetValue<string>(), received["returnUnit"]!.GetValue<string>()));
        var dossier = await (await Fixture.AsAsync("admin")).GetAsync<JsonObject>($"/api/dossiers/{received["code"]}");
        Assert.Equal(("organisations-marriage-thanh-khe", version + 1), (dossier["routing"]!["rule"]!.GetValue<string>(), dossier["routing"]!["tableVersion"]!.GetValue<int>()));
        var history = await owner.GetAsync<JsonArray>("/api/routing/tables/48/versions");
        Assert.Equal(version + 1, history[0]!["version"]!.GetValue<int>());
        Assert.Equal("owner", history[0]!["savedBy"]!.GetValue<string>());
    }

    [Fact]
    public virtual async Task Cutover_MovesOpenDistrictDossiersToTheNewWard_KeepingCodeSlipAndDeadlines()
    {
        var admin = await Fixture.AsAsync("admin");
        Fixture.Setup.Clock.SetLocal(2025, 6, 27);
        // Mỹ An (20284) lies in quận Ngũ Hành Sơn; from 2025-07-01 it is part of phường Ngũ Hành Sơn.
        var open = await ReceiveAsync(admin, Receipt(Permit, "494", new { unitCode = "20284" }, "Đặng Chuyển Giao"));
        var code = open["code"]!.GetValue<string>();
        // Xã Hòa Liên (huyện Hòa Vang) was split: without the deciding detail its dossier cannot be moved automatically.
        var split = (await ReceiveAsync(admin, Receipt(Permit, "497", new { unitCode = "20296" }, "Đặng Bị Chia")))["code"]!.GetValue<string>();
        var before = await admin.GetAsync<JsonObject>($"/api/dossiers/{code}");
        Assert.Equal("494", before["competentUnit"]!["code"]!.GetValue<string>());

        Fixture.Setup.Clock.SetLocal(2025, 7, 1, 7, 0);
        var plan = await admin.Http.PostAsJsonAsync("/api/cutover/plan", new { day = "2025-07-01" });
        await admin.ExpectAsync(plan, HttpStatusCode.OK, "cut-over plan");
        var planned = (await plan.Content.ReadFromJsonAsync<JsonObject>())!["dossiers"]!.AsArray();
        var refused = planned.Single(d => d!["code"]!.GetValue<string>() == split)!;
        Assert.Null(refused["toCompetent"]);
        Assert.Contains("split", refused["problem"]!.GetValue<string>());
        planned = [planned.Single(d => d!["code"]!.GetValue<string>() == code)!.DeepClone()];
        Assert.Equal(("494", NguHanhSon), (planned[0]!["fromCompetent"]!.GetValue<string>(), planned[0]!["toCompetent"]!.GetValue<string>()));
        // A dry run changes nothing.
        Assert.Equal("494", (await admin.GetAsync<JsonObject>($"/api/dossiers/{code}"))["competentUnit"]!["code"]!.GetValue<string>());

        var done = await admin.Http.PostAsJsonAsync("/api/cutover", new { day = "2025-07-01" });
        await admin.ExpectAsync(done, HttpStatusCode.OK, "cut-over");

        var after = await admin.GetAsync<JsonObject>($"/api/dossiers/{code}");
        Assert.Equal(NguHanhSon, after["competentUnit"]!["code"]!.GetValue<string>());
        Assert.Equal(NguHanhSon, after["returnUnit"]!["code"]!.GetValue<string>());
        Assert.Equal("494", after["receivingUnit"]!["code"]!.GetValue<string>());
        Assert.Equal(before["appointmentAt"]!.GetValue<DateTimeOffset>(), after["appointmentAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(before["slip"]!.AsArray().Count + 1, after["slip"]!.AsArray().Count);
        Assert.Equal("Chuyển giao khi sắp xếp đơn vị hành chính", after["slip"]!.AsArray().Last()!["step"]!.GetValue<string>());
        var beforeTask = before["tasks"]!.AsArray().Single(t => t!["state"]!.GetValue<string>() == "open")!;
        var afterTask = after["tasks"]!.AsArray().Single(t => t!["state"]!.GetValue<string>() == "open")!;
        Assert.Equal((beforeTask["id"]!.GetValue<Guid>(), beforeTask["dueAt"]?.ToJsonString()), (afterTask["id"]!.GetValue<Guid>(), afterTask["dueAt"]?.ToJsonString()));
        // The dossier that could not move is left as it was.
        Assert.Equal("497", (await admin.GetAsync<JsonObject>($"/api/dossiers/{split}"))["competentUnit"]!["code"]!.GetValue<string>());
        // The open step is now in the new ward's queue.
        await OpenTaskAsync(await Fixture.AsAsync("reception.ngu-hanh-son"), code, "checkCompleteness");

        // Running it again moves nothing more.
        var again = await admin.Http.PostAsJsonAsync("/api/cutover/plan", new { day = "2025-07-01" });
        Assert.DoesNotContain((await again.Content.ReadFromJsonAsync<JsonObject>())!["dossiers"]!.AsArray(), d => d!["code"]!.GetValue<string>() == code);
        await ApiClient.ProblemAsync(await admin.Http.PostAsJsonAsync("/api/cutover/plan", new { day = "2025-07-02" }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Fixture.AsAsync("owner")).Http.PostAsJsonAsync("/api/cutover", new { day = "2025-07-01" })).StatusCode);
    }
}
