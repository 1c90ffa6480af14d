using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Data;
using WorkflowHost.Server.Tests.Infrastructure;
using static WorkflowHost.Server.Tests.Infrastructure.DossierSteps;

namespace WorkflowHost.Server.Tests.Specification;

/// <summary>
/// Dossiers at the one-stop desk and in the inbox, on the shipped marriage registration (1.000894): codes, unit scope,
/// transfer, supplement, the process control slip and the portal statuses a clerk and a citizen see.
/// </summary>
public abstract class DossiersApiTestBase<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    protected TFixture Fixture { get; } = fixture;

    protected internal const string HaiChau = "20242";
    protected internal const string ThanhKhe = "20209";
    protected internal const string Marriage = "1.000894";

    protected internal static object Receipt(string unit = HaiChau, string applicant = "Nguyễn Văn An", string? decision = null, string[]? missing = null,
        string? reason = null, string? subjectUnit = null) => new
    {
        procedureCode = Marriage, receivingUnit = unit, channel = 1,
        applicant = new { type = "citizen", name = applicant, idNumber = "048090001234", phone = "0905123456", email = "an@example.vn" },
        subject = new { unitCode = subjectUnit ?? unit, address = "12 Trần Phú" }, decision, missing, reason,
    };

    [Fact]
    public virtual async Task Receive_Gives200ConsecutiveCodes_WhenReceiptsRaceAtOneUnit()
    {
        var reception = await Fixture.AsAsync("reception.ngu-hanh-son");
        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => reception.Http.PostAsJsonAsync("/api/dossiers", Receipt("20285", $"Công dân {i}"))));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var codes = new List<string>();
        foreach (var answer in answers) codes.Add((await answer.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());
        Assert.Equal(200, codes.Distinct().Count());
        var prefixes = codes.Select(c => c[..^5]).Distinct().ToList();
        Assert.Single(prefixes);
        Assert.StartsWith("000.02.85.H48-", prefixes[0]);
        Assert.Equal(Enumerable.Range(1, 200), codes.Select(c => int.Parse(c[^4..])).Order());
    }

    [Fact]
    public virtual async Task Receive_Refuses_WhenTheDaysFourDigitNumbersAreUsedUp()
    {
        var reception = await Fixture.AsAsync("reception.thanh-khe");
        var first = await ReceiveAsync(reception, Receipt(ThanhKhe));
        var day = DateOnly.ParseExact(first["code"]!.GetValue<string>()[^11..^5], "yyMMdd");
        using (var scope = Fixture.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            await db.DossierCounters.Where(c => c.UnitCode == ThanhKhe && c.Day == day).ExecuteUpdateAsync(s => s.SetProperty(c => c.Last, 9999));
        }
        var before = (await reception.GetAsync<JsonObject>($"/api/dossiers?unit={ThanhKhe}&limit=200"))["total"]!.GetValue<int>();

        var problem = await ApiClient.ProblemAsync(await reception.Http.PostAsJsonAsync("/api/dossiers", Receipt(ThanhKhe)), HttpStatusCode.Conflict);

        Assert.Contains("9999", problem["detail"]!.GetValue<string>());
        Assert.Equal(before, (await reception.GetAsync<JsonObject>($"/api/dossiers?unit={ThanhKhe}&limit=200"))["total"]!.GetValue<int>());
    }

    [Fact]
    public virtual async Task Receive_Answers422NamingEachField_AndChangesNothing_WhenInputIsWrong()
    {
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var before = (await reception.GetAsync<JsonObject>("/api/dossiers?limit=1"))["total"]!.GetValue<int>();
        var response = await reception.Http.PostAsJsonAsync("/api/dossiers", new
        {
            procedureCode = "9.999999", receivingUnit = ThanhKhe, channel = 7, applicant = new { type = "alien", name = "", email = "not-an-address" },
        });
        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        var fields = problem["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()).ToList();
        Assert.Equal(["procedureCode", "receivingUnit", "channel", "applicant.type", "applicant.name", "applicant.email"], fields);
        Assert.Equal(before, (await reception.GetAsync<JsonObject>("/api/dossiers?limit=1"))["total"]!.GetValue<int>());
    }

    [Fact]
    public virtual async Task DossierAndTask_AnswerNotFound_ToAnotherUnit_AndNeverCountInItsSearch()
    {
        var haiChau = await Fixture.AsAsync("reception.hai-chau");
        var received = await ReceiveAsync(haiChau, Receipt(applicant: "Trần Thị Bình"));
        var code = received["code"]!.GetValue<string>();
        var task = await OpenTaskAsync(await Fixture.AsAsync("officer.hai-chau"), code, "appraise");
        var otherOfficer = await Fixture.AsAsync("officer.thanh-khe");
        var otherReception = await Fixture.AsAsync("reception.thanh-khe");

        await ApiClient.ProblemAsync(await otherOfficer.Http.GetAsync($"/api/dossiers/{code}"), HttpStatusCode.NotFound);
        await ApiClient.ProblemAsync(await otherOfficer.Http.GetAsync($"/api/tasks/{task["id"]}"), HttpStatusCode.NotFound);
        await ApiClient.ProblemAsync(await otherOfficer.Http.PostAsync($"/api/tasks/{task["id"]}/claim", null), HttpStatusCode.NotFound);
        await ApiClient.ProblemAsync(await otherOfficer.Http.GetAsync($"/api/dossiers/{code}/documents/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        Assert.Empty(await TasksAsync(otherOfficer, "q=tran thi binh"));
        // The dossier's process instance follows the dossier: sharing the officer role with Hải Châu's officers reveals nothing.
        var instanceId = received["instanceId"]!.GetValue<Guid>();
        await ApiClient.ProblemAsync(await otherOfficer.Http.GetAsync($"/api/instances/{instanceId}"), HttpStatusCode.NotFound);
        await ApiClient.ProblemAsync(await (await Fixture.AsAsync("manager.thanh-khe")).Http.GetAsync($"/api/instances/{instanceId}"), HttpStatusCode.NotFound);
        Assert.Equal(instanceId, (await (await Fixture.AsAsync("manager.hai-chau")).GetAsync<JsonObject>($"/api/instances/{instanceId}"))["id"]!.GetValue<Guid>());
        Assert.Equal(0, (await otherReception.GetAsync<JsonObject>("/api/dossiers?q=tran thi binh"))["total"]!.GetValue<int>());
        // The unit's own people find it, with or without diacritics.
        Assert.Equal(1, (await haiChau.GetAsync<JsonObject>("/api/dossiers?q=tran thi binh"))["total"]!.GetValue<int>());
        Assert.Equal(1, (await haiChau.GetAsync<JsonObject>("/api/dossiers?q=Trần Thị Bình"))["total"]!.GetValue<int>());
    }

    [Fact]
    public virtual async Task Transfer_ShowsInTheOtherUnitsQueue_AndOnTheSlip()
    {
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var code = (await ReceiveAsync(reception, Receipt(applicant: "Lê Văn Chuyển")))["code"]!.GetValue<string>();
        var officer = await Fixture.AsAsync("officer.hai-chau");
        var task = await OpenTaskAsync(officer, code, "appraise");
        var otherOfficer = await Fixture.AsAsync("officer.thanh-khe");
        Assert.Empty(await TasksAsync(otherOfficer, $"view=queue&q={code}"));

        var response = await officer.Http.PostAsJsonAsync($"/api/tasks/{task["id"]}/transfer", new { toUnit = ThanhKhe, reason = "Nơi cư trú thuộc Thanh Khê" });
        await officer.ExpectAsync(response, HttpStatusCode.OK, "transfer");

        var moved = Assert.Single(await TasksAsync(otherOfficer, $"view=queue&q={code}"))!;
        Assert.Equal(ThanhKhe, moved["unitCode"]!.GetValue<string>());
        Assert.Empty(await TasksAsync(officer, $"q={code}"));
        var slip = (await DossierAsync(reception, code))["slip"]!.AsArray();
        var row = slip.Last()!;
        Assert.Equal((HaiChau, "officer.hai-chau", ThanhKhe), (row["fromUnit"]!.GetValue<string>(), row["fromUser"]!.GetValue<string>(), row["toUnit"]!.GetValue<string>()));
        Assert.Equal("Nơi cư trú thuộc Thanh Khê", row["note"]!.GetValue<string>());
    }

    [Fact]
    public virtual async Task ReturnForSupplement_SetsStatus5Once_AndTheSupplementResumes()
    {
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var code = (await ReceiveAsync(reception, Receipt(applicant: "Phạm Thị Bổ Sung")))["code"]!.GetValue<string>();
        var officer = await Fixture.AsAsync("officer.hai-chau");
        var task = await OpenTaskAsync(officer, code, "appraise");
        var status = (await DossierAsync(reception, code))["status"]!.GetValue<int>();

        var asked = await officer.Http.PostAsJsonAsync($"/api/tasks/{task["id"]}/return-for-supplement",
            new { missing = new[] { "Giấy xác nhận tình trạng hôn nhân" }, note = "Bổ sung trong 5 ngày" });
        await officer.ExpectAsync(asked, HttpStatusCode.OK, "return-for-supplement");
        var paused = await DossierAsync(reception, code);
        Assert.Equal(5, paused["status"]!.GetValue<int>());
        Assert.Equal(["Giấy xác nhận tình trạng hôn nhân"], paused["supplement"]!["missing"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(5, (await Fixture.Anonymous().GetAsync<JsonObject>($"/api/public/dossiers/{code}"))["status"]!["code"]!.GetValue<int>());
        // Once, in full: a second request is refused, and the step cannot be completed while the applicant supplements.
        await ApiClient.ProblemAsync(await officer.Http.PostAsJsonAsync($"/api/tasks/{task["id"]}/return-for-supplement", new { missing = new[] { "Ảnh" } }), HttpStatusCode.Conflict);
        await officer.Http.PostAsync($"/api/tasks/{task["id"]}/claim", null);
        await ApiClient.ProblemAsync(await officer.Http.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new { variables = new { opinion = "ok" } }), HttpStatusCode.Conflict);

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent("giay xac nhan"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "xac-nhan.pdf");
        form.Add(new StringContent("original"), "kind");
        await reception.ExpectAsync(await reception.Http.PostAsync($"/api/dossiers/{code}/supplement", form), HttpStatusCode.OK, "supplement");

        var resumed = await DossierAsync(reception, code);
        Assert.Equal(status, resumed["status"]!.GetValue<int>());
        Assert.NotNull(resumed["supplement"]!["resumedAt"]);
        var document = Assert.Single(resumed["documents"]!.AsArray())!;
        Assert.Equal(("supplement", "original"), (document["phase"]!.GetValue<string>(), document["kind"]!.GetValue<string>()));
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData("giay xac nhan"u8.ToArray())).ToLowerInvariant(), document["sha256"]!.GetValue<string>());
        await CompleteAsync(officer, task, new { opinion = "Đủ điều kiện" });
    }

    [Fact]
    public virtual async Task MarriageRegistration_RunsFromDeskToReturn_WithStatusesAndAGradedSlipRowPerHandover()
    {
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var received = await ReceiveAsync(reception, Receipt(applicant: "Võ Minh Khoa"));
        var code = received["code"]!.GetValue<string>();
        Assert.Equal((HaiChau, HaiChau, HaiChau), (received["receivingUnit"]!.GetValue<string>(), received["competentUnit"]!.GetValue<string>(), received["returnUnit"]!.GetValue<string>()));
        Assert.NotNull(received["appointmentAt"]);
        Assert.Equal(4, (await DossierAsync(reception, code))["status"]!.GetValue<int>());

        var officer = await Fixture.AsAsync("officer.hai-chau");
        await CompleteAsync(officer, await OpenTaskAsync(officer, code, "appraise"), new { verificationNeeded = false, opinion = "Đủ điều kiện" });
        var leader = await Fixture.AsAsync("leader.hai-chau");
        await CompleteAsync(leader, await OpenTaskAsync(leader, code, "approve"), new { approved = true });
        await CompleteAsync(reception, await OpenTaskAsync(reception, code, "returnResult"), new { certificateNumber = "15/2026" });

        var dossier = await DossierAsync(reception, code);
        Assert.Equal((10, "Đã trả kết quả"), (dossier["status"]!.GetValue<int>(), dossier["statusName"]!.GetValue<string>()));
        Assert.NotNull(dossier["returnedAt"]);
        var slip = dossier["slip"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.Equal(["Tiếp nhận hồ sơ", "Thẩm định hồ sơ (Appraise)", "Phê duyệt, ký (Approve and sign)", "Trả kết quả (Return result)"],
            slip.Select(r => r["step"]!.GetValue<string>()));
        Assert.All(slip.Skip(1), r => Assert.Equal("early", r["grade"]!.GetValue<string>()));
        Assert.Equal("officer.hai-chau", slip[1]["fromUser"]!.GetValue<string>());
        Assert.Equal(HaiChau, slip[2]["toUnit"]!.GetValue<string>());
        Assert.Equal("Võ Minh Khoa", slip[3]["toUser"]!.GetValue<string>());
        var lookup = await Fixture.Anonymous().GetAsync<JsonObject>($"/api/public/dossiers/{code}");
        Assert.Equal(10, lookup["status"]!["code"]!.GetValue<int>());
        Assert.DoesNotContain("Võ Minh Khoa", lookup.ToJsonString());
        Assert.DoesNotContain("048090001234", lookup.ToJsonString());
    }

    [Fact]
    public virtual async Task DossierAndSlip_NameEachOfficialByDisplayName_BesideTheUserName()
    {
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var code = (await ReceiveAsync(reception, Receipt(applicant: "Lê Thị Hoa")))["code"]!.GetValue<string>();
        var officer = await Fixture.AsAsync("officer.hai-chau");
        await CompleteAsync(officer, await OpenTaskAsync(officer, code, "appraise"), new { verificationNeeded = false, opinion = "Đủ điều kiện" });

        // The leader's step, claimed: the inbox and the task page name who works it.
        var leader = await Fixture.AsAsync("leader.hai-chau");
        var approve = await OpenTaskAsync(leader, code, "approve");
        var approveId = approve["id"]!.GetValue<Guid>();
        await leader.ExpectAsync(await leader.Http.PostAsync($"/api/tasks/{approveId}/claim", null), HttpStatusCode.OK, "claim");
        var listed = (await leader.GetAsync<JsonArray>("/api/tasks?view=mine&limit=200")).Select(x => x!.AsObject()).Single(x => x["id"]!.GetValue<Guid>() == approveId);
        Assert.Equal(("leader.hai-chau", "Lãnh đạo — Hải Châu"), (listed["assignee"]!.GetValue<string>(), listed["assigneeDisplayName"]!.GetValue<string>()));
        var detail = await leader.GetAsync<JsonObject>($"/api/tasks/{approveId}");
        Assert.Equal("Lãnh đạo — Hải Châu", detail["task"]!["assigneeDisplayName"]!.GetValue<string>());

        var dossier = await DossierAsync(reception, code);
        Assert.Equal(("reception.hai-chau", "Tiếp nhận — Hải Châu"),
            (dossier["receivedBy"]!.GetValue<string>(), dossier["receivedByDisplayName"]!.GetValue<string>()));
        var slip = dossier["slip"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.Equal(("reception.hai-chau", "Tiếp nhận — Hải Châu"), (slip[0]["fromUser"]!.GetValue<string>(), slip[0]["fromUserDisplayName"]!.GetValue<string>()));
        Assert.Equal(("officer.hai-chau", "Chuyên viên — Hải Châu"), (slip[1]["fromUser"]!.GetValue<string>(), slip[1]["fromUserDisplayName"]!.GetValue<string>()));
        // The applicant written on a row is no account: no display name is invented for her.
        Assert.All(slip, r => Assert.True(r["toUserDisplayName"] is null || r["toUser"]!.GetValue<string>().Contains('.')));
        var done = dossier["tasks"]!.AsArray().Select(t => t!.AsObject()).Single(t => t["elementId"]!.GetValue<string>() == "appraise");
        Assert.Equal("Chuyên viên — Hải Châu", done["assigneeDisplayName"]!.GetValue<string>());

        // A display name corrected later reaches the slip, which still keeps the user name the audit relies on.
        using (var scope = Fixture.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            await db.Users.Where(u => u.UserName == "officer.hai-chau").ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, "Chuyên viên — Trần Văn Bình"));
        }
        try
        {
            var again = (await DossierAsync(reception, code))["slip"]!.AsArray()[1]!;
            Assert.Equal(("officer.hai-chau", "Chuyên viên — Trần Văn Bình"), (again["fromUser"]!.GetValue<string>(), again["fromUserDisplayName"]!.GetValue<string>()));
        }
        finally
        {
            using var scope = Fixture.Factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            await db.Users.Where(u => u.UserName == "officer.hai-chau").ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, "Chuyên viên — Hải Châu"));
        }
    }

    [Fact]
    public virtual async Task Dossier_NamesItsCalendarForPeople_WithTheRecordedVersionAsADetail()
    {
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var code = (await ReceiveAsync(reception, Receipt(applicant: "Phan Quốc Bảo")))["code"]!.GetValue<string>();
        var dossier = await DossierAsync(reception, code);
        var recorded = dossier["appointmentCalendar"]!.GetValue<string>();
        var label = dossier["appointmentCalendarLabel"]!.AsObject();
        Assert.Equal(("Lịch làm việc cơ quan nhà nước", "Vietnamese government working calendar"),
            (label["displayName"]!.GetValue<string>(), label["displayNameEn"]!.GetValue<string>()));
        Assert.Equal(recorded, $"{label["name"]!.GetValue<string>()}@{label["version"]!.GetValue<string>()}");

        var preview = await (await reception.Http.PostAsJsonAsync("/api/dossiers/appointment", new { procedureCode = Marriage })).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("Lịch làm việc cơ quan nhà nước", preview!["calendarLabel"]!["displayName"]!.GetValue<string>());
        Assert.Equal(preview["calendarVersion"]!.GetValue<string>(), preview["calendarLabel"]!["version"]!.GetValue<string>());
    }

    [Fact]
    public virtual async Task PublicLookup_GivesTheProcedureInBothLanguages_AndStillNoPersonalData()
    {
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var code = (await ReceiveAsync(reception, Receipt(applicant: "Đỗ Thanh Tâm")))["code"]!.GetValue<string>();
        var lookup = await Fixture.Anonymous().GetAsync<JsonObject>($"/api/public/dossiers/{code}");
        Assert.Equal("Đăng ký kết hôn", lookup["procedure"]!.GetValue<string>());
        Assert.Equal("Marriage registration", lookup["procedureEn"]!.GetValue<string>());
        Assert.DoesNotContain("Đỗ Thanh Tâm", lookup.ToJsonString());
        Assert.DoesNotContain("reception.hai-chau", lookup.ToJsonString());
    }

    [Fact]
    public virtual async Task CompleteTask_Answers422NamingTheField_WhenAVariableIsUndeclaredOrMissing()
    {
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var code = (await ReceiveAsync(reception, Receipt(applicant: "Đỗ Văn Form")))["code"]!.GetValue<string>();
        var officer = await Fixture.AsAsync("officer.hai-chau");
        var task = await OpenTaskAsync(officer, code, "appraise");
        await officer.Http.PostAsync($"/api/tasks/{task["id"]}/claim", null);

        var response = await officer.Http.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new { variables = new { approved = true, verificationNeeded = "yes" } });

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        var fields = problem["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()).Order().ToList();
        Assert.Equal(["approved", "opinion", "verificationNeeded"], fields);
        Assert.Single(await TasksAsync(officer, $"q={code}"));
        var detail = await officer.GetAsync<JsonObject>($"/api/tasks/{task["id"]}");
        Assert.Equal("fields", detail["form"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public virtual async Task DeskRefusal_EndsWithStatus3AndTheReason_AndTheSupplementAtTheDeskWaitsForTheApplicant()
    {
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var refused = await ReceiveAsync(reception, Receipt(applicant: "Người Bị Từ Chối", decision: "refuse", reason: "Không thuộc thẩm quyền"));
        var dossier = await DossierAsync(reception, refused["code"]!.GetValue<string>());
        Assert.Equal((3, "Không thuộc thẩm quyền"), (dossier["status"]!.GetValue<int>(), dossier["refusalReason"]!.GetValue<string>()));
        Assert.NotNull(dossier["finishedAt"]);

        var incomplete = await ReceiveAsync(reception, Receipt(applicant: "Người Thiếu Giấy", decision: "supplement", missing: ["Tờ khai"]));
        var code = incomplete["code"]!.GetValue<string>();
        Assert.Equal(5, (await DossierAsync(reception, code))["status"]!.GetValue<int>());
        await reception.ExpectAsync(await reception.Http.PostAsJsonAsync($"/api/dossiers/{code}/supplement", new { note = "Đã nộp tờ khai" }), HttpStatusCode.OK, "supplement");
        var recheck = await OpenTaskAsync(reception, code, "recheck");
        await CompleteAsync(reception, recheck, new { decision = "accept" });
        await OpenTaskAsync(await Fixture.AsAsync("officer.hai-chau"), code, "appraise");
    }

    [Fact]
    public virtual async Task ConstructionPermit_WithdrawnMidAppraisal_CancelsEveryOpenTask_AndEndsAtStatus7()
    {
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var officer = await Fixture.AsAsync("officer.hai-chau");
        var code = (await ReceiveAsync(reception, new
        {
            procedureCode = "9.900001", receivingUnit = HaiChau, channel = 1,
            applicant = new { type = "citizen", name = "Trần Rút Hồ Sơ", idNumber = "048090004321", phone = "0905000111", email = "rut@example.vn" },
            subject = new { unitCode = HaiChau, address = "7 Lê Lợi" },
        }))["code"]!.GetValue<string>();
        await CompleteAsync(reception, await OpenTaskAsync(reception, code, "checkCompleteness"), new { valid = true, agencies = new[] { "officer" } });
        await OpenTaskAsync(officer, code, "inspectSite");
        await OpenTaskAsync(officer, code, "askAgencies");
        Assert.Equal(4, (await DossierAsync(reception, code))["status"]!.GetValue<int>());

        var result = await reception.CorrelateAsync("dossier-withdrawn", code, new { withdrawalReason = "Công dân rút hồ sơ" });

        Assert.Equal(1, result.Matched);
        var dossier = await DossierAsync(reception, code);
        Assert.Equal(7, dossier["status"]!.GetValue<int>());
        Assert.NotNull(dossier["finishedAt"]);
        Assert.Equal(7, (await Fixture.Anonymous().GetAsync<JsonObject>($"/api/public/dossiers/{code}"))["status"]!["code"]!.GetValue<int>());
        Assert.Empty(await TasksAsync(officer, $"q={code}"));
        Assert.Empty(await TasksAsync(reception, $"q={code}"));
        // Nothing waits any more: a second withdrawal matches nothing.
        Assert.Equal(0, (await reception.CorrelateAsync("dossier-withdrawn", code)).Matched);
    }

    [Fact]
    public virtual async Task ConstructionPermit_RefusedAfterTheFeeWasCollected_OpensTheRefundOnce_ThenEndsAtStatus3()
    {
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var code = (await ReceiveAsync(reception, new
        {
            procedureCode = "9.900001", receivingUnit = HaiChau, channel = 1,
            applicant = new { type = "citizen", name = "Lê Hoàn Phí", idNumber = "048090005678", phone = "0905000222", email = "phi@example.vn" },
            subject = new { unitCode = HaiChau, address = "9 Bạch Đằng" },
        }))["code"]!.GetValue<string>();
        await CompleteAsync(reception, await OpenTaskAsync(reception, code, "checkCompleteness"), new { valid = false });
        await CompleteAsync(reception, await OpenTaskAsync(reception, code, "issueRefusal"), new { });

        var refund = await OpenTaskAsync(reception, code, "refundFee");
        Assert.Equal(3, (await DossierAsync(reception, code))["status"]!.GetValue<int>());
        await CompleteAsync(reception, refund, new { refundReceipt = "HT-2026-0007" });

        var instanceId = refund["instanceId"]!.GetValue<Guid>();
        var instance = await reception.WaitForStatusAsync(instanceId, "completed");
        Assert.Equal(1, instance.Completed("refundFee"));
        Assert.Equal(1, instance.Completed("refused"));
        Assert.Empty(await TasksAsync(reception, $"q={code}"));
    }

    [Fact]
    public virtual async Task Deploy_RefusesAProcess_WhoseDossierStatusIsNoPortalCode()
    {
        var owner = await Fixture.AsAsync("owner");
        var xml = Bpmn.OneTask(Bpmn.NewKey("bad-status")).Replace("<userTask id=\"review\"", "<userTask xmlns:wh=\"https://workflowhost.vn/schema/bpmn/1.0\" wh:dossierStatus=\"11\" id=\"review\"");
        var problem = await ApiClient.ProblemAsync(await owner.SendDeployAsync(xml), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("review", problem["errors"]![0]!["elementId"]!.GetValue<string>());
    }

    [Fact]
    public virtual async Task Units_ListHaiChauBeforeAndAfterTheReform_ByDate()
    {
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var after = await reception.GetAsync<JsonArray>("/api/units?asOf=2025-07-01");
        var before = await reception.GetAsync<JsonArray>("/api/units?asOf=2025-06-30");
        Assert.Equal("Hải Châu", after.Single(u => u!["code"]!.GetValue<string>() == HaiChau)!["name"]!.GetValue<string>());
        Assert.Equal("Phước Ninh", before.Single(u => u!["code"]!.GetValue<string>() == HaiChau)!["name"]!.GetValue<string>());
        await ApiClient.ProblemAsync(await reception.Http.GetAsync("/api/units?asOf=yesterday"), HttpStatusCode.UnprocessableEntity);
        var procedures = await reception.GetAsync<JsonArray>("/api/procedures?q=ket hon");
        Assert.Equal(Marriage, Assert.Single(procedures)!["code"]!.GetValue<string>());
    }

    [Fact]
    public virtual async Task Manager_ReadsTheUnitsQueueAndDossier_ButWorksNoTask()
    {
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var code = (await ReceiveAsync(reception, Receipt(applicant: "Hồ Thị Quản Lý")))["code"]!.GetValue<string>();
        var task = await OpenTaskAsync(await Fixture.AsAsync("officer.hai-chau"), code, "appraise");
        var manager = await Fixture.AsAsync("manager.hai-chau");

        var seen = Assert.Single(await TasksAsync(manager, $"q={code}"))!;
        Assert.True(seen["readOnly"]!.GetValue<bool>());
        Assert.Equal(code, (await DossierAsync(manager, code))["code"]!.GetValue<string>());
        await ApiClient.ProblemAsync(await manager.Http.PostAsync($"/api/tasks/{task["id"]}/claim", null), HttpStatusCode.Forbidden);
        await ApiClient.ProblemAsync(await manager.Http.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new { variables = new { opinion = "x" } }), HttpStatusCode.Forbidden);
        // Another ward's manager sees nothing of it.
        Assert.Empty(await TasksAsync(await Fixture.AsAsync("manager.thanh-khe"), $"q={code}"));
        Assert.Null((await DossierAsync(reception, code))["tasks"]!.AsArray().Single()!["assignee"]);
    }

    [Fact]
    public virtual async Task WritesFromAnotherUnit_Answer404_AndChangeNothing()
    {
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var code = (await ReceiveAsync(reception, Receipt(applicant: "Mai Văn Ngoài")))["code"]!.GetValue<string>();
        var task = await OpenTaskAsync(await Fixture.AsAsync("officer.hai-chau"), code, "appraise");
        var before = (await DossierAsync(reception, code)).ToJsonString();
        var otherOfficer = await Fixture.AsAsync("officer.thanh-khe");
        var otherReception = await Fixture.AsAsync("reception.thanh-khe");

        await ApiClient.ProblemAsync(await otherOfficer.Http.PostAsJsonAsync($"/api/tasks/{task["id"]}/transfer", new { toUnit = ThanhKhe, reason = "x" }), HttpStatusCode.NotFound);
        await ApiClient.ProblemAsync(await otherOfficer.Http.PostAsJsonAsync($"/api/tasks/{task["id"]}/return-for-supplement", new { missing = new[] { "x" } }), HttpStatusCode.NotFound);
        await ApiClient.ProblemAsync(await otherOfficer.Http.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new { variables = new { opinion = "x" } }), HttpStatusCode.NotFound);
        await ApiClient.ProblemAsync(await otherReception.Http.PostAsJsonAsync($"/api/dossiers/{code}/supplement", new { note = "x" }), HttpStatusCode.NotFound);
        using var form = new MultipartFormDataContent { { new ByteArrayContent("x"u8.ToArray()), "file", "x.pdf" } };
        await ApiClient.ProblemAsync(await otherReception.Http.PostAsync($"/api/dossiers/{code}/documents", form), HttpStatusCode.NotFound);
        // An officer may not receive at the desk at all.
        await ApiClient.ProblemAsync(await otherOfficer.Http.PostAsJsonAsync("/api/dossiers", Receipt(ThanhKhe)), HttpStatusCode.Forbidden);

        Assert.Equal(before, (await DossierAsync(reception, code)).ToJsonString());
    }

    /// <summary>
    /// Incidents follow the dossier's units like its instance does (decision 13). The incident row stands in for a step
    /// that stopped (the shipped procedure has no step that fails on valid input); listing reads those rows, and a retry
    /// is refused on scope before the engine is asked.
    /// </summary>
    [Fact]
    public virtual async Task Incident_OfADossier_IsNeitherListedNorRetried_ByAnotherWardsManager()
    {
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var received = await ReceiveAsync(reception, Receipt(applicant: "Lê Văn Sự Cố"));
        var instanceId = received["instanceId"]!.GetValue<Guid>();
        var incidentId = Guid.NewGuid();
        using (var scope = Fixture.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            db.Incidents.Add(new WorkflowHost.Data.Entities.IncidentEntity
            {
                Id = incidentId, InstanceId = instanceId, EngineIncidentId = 999, ElementId = "appraise", Message = "The appraisal script failed.",
                CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }
        var own = await Fixture.AsAsync("manager.hai-chau");
        var other = await Fixture.AsAsync("manager.thanh-khe");

        Assert.Equal(incidentId, Assert.Single(await own.IncidentsAsync(instanceId)).Id);
        Assert.Contains(await own.GetAsync<List<IncidentDto>>("/api/incidents?limit=500"), i => i.Id == incidentId);
        Assert.Empty(await other.IncidentsAsync(instanceId));
        Assert.DoesNotContain(await other.GetAsync<List<IncidentDto>>("/api/incidents?limit=500"), i => i.Id == incidentId);
        var hidden = await ApiClient.ProblemAsync(await other.Http.PostAsJsonAsync($"/api/incidents/{incidentId}/retry", new { }), HttpStatusCode.NotFound);
        var unknownId = Guid.NewGuid();
        var unknown = await ApiClient.ProblemAsync(await other.Http.PostAsJsonAsync($"/api/incidents/{unknownId}/retry", new { }), HttpStatusCode.NotFound);
        Assert.Equal(unknown["detail"]!.GetValue<string>().Replace(unknownId.ToString(), "ID"), hidden["detail"]!.GetValue<string>().Replace(incidentId.ToString(), "ID"));
        Assert.Null(Assert.Single(await own.IncidentsAsync(instanceId)).ResolvedAt);
    }
}
