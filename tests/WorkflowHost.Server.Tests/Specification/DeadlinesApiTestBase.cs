using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WorkflowHost.Server.Tests.Infrastructure;
using static WorkflowHost.Server.Tests.Infrastructure.DossierSteps;
using WorkflowHost.Testing;

namespace WorkflowHost.Server.Tests.Specification;

/// <summary>
/// The deadline suite's host: the shipped procedures, on a clock standing at Tue 10 Mar 2026, 08:00 in Vietnam (an
/// ordinary working week) until a test moves it.
/// </summary>
public sealed class DeadlinesSetup() : ClockSetup(SettableClock.StandingAt(VietnamTime.At(2026, 3, 10, 8, 0)))
{
    public override bool ShippedProcedures => true;
}

/// <summary>
/// Deadlines after receipt, on the shipped marriage registration (same day, 15:00 cut-off; the appraisal step 4
/// working hours) with the host's clock in the test's hand: the supplement pause moves the appointment and the open
/// step by exactly the paused working time, the one apology with a new date, and re-planning when a calendar changes.
/// </summary>
public abstract class DeadlinesApiTestBase<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture, IHostFixture<ClockSetup>
{
    private TFixture Fixture { get; } = fixture;

    /// <summary>A session made at the clock's current setting (these tests move it by days, and back between tests).</summary>
    private Task<ApiClient> AsAsync(string user) => Fixture.SignInAfreshAsync(user);

    private static object Receipt(string applicant) => DossiersApiTestBase<TFixture>.Receipt(applicant: applicant);

    private static DateTimeOffset Vn(int year, int month, int day, int hour, int minute) => VietnamTime.At(year, month, day, hour, minute);

    private static DateTimeOffset At(JsonNode? node) => node!.GetValue<DateTimeOffset>();

    [Fact]
    public async Task SupplementPause_MovesTheAppointmentAndTheOpenStep_ByExactlyThePausedWorkingTime()
    {
        Fixture.Setup.Clock.Now = Vn(2026, 3, 10, 9, 0);
        var reception = await AsAsync("reception.hai-chau");
        var code = (await ReceiveAsync(reception, Receipt("Trần Thị Tạm Dừng")))["code"]!.GetValue<string>();
        var officer = await AsAsync("officer.hai-chau");
        var task = await OpenTaskAsync(officer, code, "appraise");
        var received = await DossierAsync(reception, code);
        Assert.Equal(Vn(2026, 3, 10, 17, 0), At(received["appointmentAt"]));
        // 4 working hours from 09:00: 09:00–11:30 and 13:00–14:30.
        Assert.Equal(Vn(2026, 3, 10, 14, 30), At(task["dueAt"]));

        Fixture.Setup.Clock.Now = Vn(2026, 3, 10, 10, 0);
        await officer.ExpectAsync(await officer.Http.PostAsJsonAsync($"/api/tasks/{task["id"]}/return-for-supplement",
            new { missing = new[] { "Giấy xác nhận tình trạng hôn nhân" } }), HttpStatusCode.OK, "return-for-supplement");
        Fixture.Setup.Clock.Now = Vn(2026, 3, 12, 10, 0);
        (reception, officer) = (await AsAsync("reception.hai-chau"), await AsAsync("officer.hai-chau"));
        await reception.ExpectAsync(await reception.Http.PostAsJsonAsync($"/api/dossiers/{code}/supplement", new { note = "Đã bổ sung" }), HttpStatusCode.OK, "supplement");

        // Paused Tue 10:00 – Thu 10:00: 1.5 h + 4 h (Tue) + 8 h (Wed) + 2.5 h (Thu) = 16 working hours.
        var resumed = await DossierAsync(reception, code);
        Assert.Equal(Vn(2026, 3, 12, 17, 0), At(resumed["appointmentAt"]));
        Assert.Equal(Vn(2026, 3, 10, 17, 0), At(resumed["originalAppointmentAt"]));
        var step = resumed["tasks"]!.AsArray().Single(t => t!["id"]!.GetValue<Guid>() == task["id"]!.GetValue<Guid>())!;
        Assert.Equal(Vn(2026, 3, 12, 14, 30), At(step["dueAt"]));
        var pause = Assert.Single(resumed["pauses"]!.AsArray())!;
        Assert.Equal(("supplement", Vn(2026, 3, 10, 10, 0), Vn(2026, 3, 12, 10, 0)), (pause["reason"]!.GetValue<string>(), At(pause["startedAt"]), At(pause["endedAt"])));
        var changes = resumed["deadlineChanges"]!.AsArray().Select(c => c!.AsObject()).ToList();
        Assert.Equal(2, changes.Count);
        Assert.All(changes, c => Assert.Equal("pause", c["cause"]!.GetValue<string>()));
        Assert.Contains(changes, c => c["taskId"] is null && At(c["oldDueAt"]) == Vn(2026, 3, 10, 17, 0) && At(c["newDueAt"]) == Vn(2026, 3, 12, 17, 0));

        // The step finished before its moved due date is on time, not late, on the process control slip.
        Fixture.Setup.Clock.Now = Vn(2026, 3, 12, 14, 0);
        await officer.ExpectAsync(await officer.Http.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete",
            new { variables = new { opinion = "Đủ điều kiện", verificationNeeded = false } }), HttpStatusCode.OK, "complete");
        var slip = (await DossierAsync(reception, code))["slip"]!.AsArray();
        Assert.Equal("onTime", slip.Last(r => r!["step"]!.GetValue<string>().StartsWith("Thẩm định", StringComparison.Ordinal))!["grade"]!.GetValue<string>());
    }

    [Fact]
    public async Task Extension_IsIssuedOnce_BeforeTheAppointment_WithItsReason()
    {
        Fixture.Setup.Clock.Now = Vn(2026, 3, 17, 9, 0);
        var reception = await AsAsync("reception.hai-chau");
        var code = (await ReceiveAsync(reception, Receipt("Lê Văn Xin Lỗi")))["code"]!.GetValue<string>();
        var officer = await AsAsync("officer.hai-chau");
        var url = $"/api/dossiers/{code}/extension";
        Fixture.Setup.Clock.Now = Vn(2026, 3, 17, 16, 0);
        var before = (await DossierAsync(reception, code)).ToJsonString();

        var noReason = await ApiClient.ProblemAsync(await officer.Http.PostAsJsonAsync(url, new { newAppointmentAt = Vn(2026, 3, 19, 17, 0), reason = " " }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("reason", noReason.ToJsonString());
        var earlier = await ApiClient.ProblemAsync(await officer.Http.PostAsJsonAsync(url, new { newAppointmentAt = Vn(2026, 3, 17, 12, 0), reason = "Chờ xác minh" }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("newAppointmentAt", earlier.ToJsonString());
        await ApiClient.ProblemAsync(await (await AsAsync("manager.hai-chau")).Http.PostAsJsonAsync(url, new { newAppointmentAt = Vn(2026, 3, 19, 17, 0), reason = "x" }), HttpStatusCode.Forbidden);
        await ApiClient.ProblemAsync(await (await AsAsync("officer.thanh-khe")).Http.PostAsJsonAsync(url, new { newAppointmentAt = Vn(2026, 3, 19, 17, 0), reason = "x" }), HttpStatusCode.NotFound);
        Assert.Equal(before, (await DossierAsync(reception, code)).ToJsonString());

        var response = await officer.Http.PostAsJsonAsync(url, new { newAppointmentAt = Vn(2026, 3, 19, 17, 0), reason = "Chờ kết quả xác minh của UBND phường Thanh Khê" });
        await officer.ExpectAsync(response, HttpStatusCode.OK, "extension");
        var extended = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(Vn(2026, 3, 19, 17, 0), At(extended["appointmentAt"]));
        Assert.Equal(Vn(2026, 3, 17, 17, 0), At(extended["originalAppointmentAt"]));
        var extension = extended["extension"]!;
        Assert.Equal(("officer.hai-chau", "Chờ kết quả xác minh của UBND phường Thanh Khê", Vn(2026, 3, 17, 17, 0)),
            (extension["by"]!.GetValue<string>(), extension["reason"]!.GetValue<string>(), At(extension["previousAppointmentAt"])));
        Assert.Equal("extension", extended["deadlineChanges"]!.AsArray().Single()!["cause"]!.GetValue<string>());
        Assert.Equal(Vn(2026, 3, 19, 17, 0), At((await Fixture.Anonymous().GetAsync<JsonObject>($"/api/public/dossiers/{code}"))["appointmentAt"]));

        var second = await ApiClient.ProblemAsync(await officer.Http.PostAsJsonAsync(url, new { newAppointmentAt = Vn(2026, 3, 20, 17, 0), reason = "Lần hai" }), HttpStatusCode.Conflict);
        Assert.Contains("only once", second.ToJsonString());
        Assert.Equal(Vn(2026, 3, 19, 17, 0), At((await DossierAsync(reception, code))["appointmentAt"]));
    }

    [Fact]
    public async Task Extension_IsRefused_OnceTheAppointmentHasPassed()
    {
        Fixture.Setup.Clock.Now = Vn(2026, 3, 18, 9, 0);
        var reception = await AsAsync("reception.hai-chau");
        var code = (await ReceiveAsync(reception, Receipt("Đỗ Văn Quá Hạn")))["code"]!.GetValue<string>();
        Fixture.Setup.Clock.Now = Vn(2026, 3, 18, 17, 1);

        var problem = await ApiClient.ProblemAsync(await (await AsAsync("officer.hai-chau")).Http.PostAsJsonAsync($"/api/dossiers/{code}/extension",
            new { newAppointmentAt = Vn(2026, 3, 20, 17, 0), reason = "Quá hạn" }), HttpStatusCode.Conflict);

        Assert.Contains("has passed", problem.ToJsonString());
        var dossier = await DossierAsync(reception, code);
        Assert.Null(dossier["extension"]);
        Assert.Equal(Vn(2026, 3, 18, 17, 0), At(dossier["appointmentAt"]));
    }

    [Fact]
    public async Task CalendarChange_ReplansOpenDeadlines_AndSaysHowManyMoved()
    {
        var file = Path.Combine(Fixture.Root, "workflows", "calendars", "vn-government", "2026.json");
        var original = await File.ReadAllTextAsync(file);
        // Received Fri 13 Mar 16:00, after the 15:00 cut-off: due Mon 16 Mar 17:00; appraisal due Mon 10:30 (1 h Fri + 3 h Mon).
        Fixture.Setup.Clock.Now = Vn(2026, 3, 13, 16, 0);
        var admin = await AsAsync("admin");
        try
        {
            var reception = await AsAsync("reception.hai-chau");
            var code = (await ReceiveAsync(reception, Receipt("Võ Thị Nghỉ Bù")))["code"]!.GetValue<string>();
            var task = await OpenTaskAsync(await AsAsync("officer.hai-chau"), code, "appraise");
            Assert.Equal(Vn(2026, 3, 16, 17, 0), At((await DossierAsync(reception, code))["appointmentAt"]));
            Assert.Equal(Vn(2026, 3, 16, 10, 30), At(task["dueAt"]));

            // A broken file is refused whole, naming the file; nothing moves.
            await File.WriteAllTextAsync(file, original.Replace("\"holidays\": [", "\"holidays\": [ { \"date\": \"2026-03-32\", \"name\": \"x\", \"source\": \"y\" },"));
            var broken = await ApiClient.ProblemAsync(await admin.Http.PostAsync("/api/calendars/vn-government/reload", null), HttpStatusCode.UnprocessableEntity);
            Assert.Contains("2026.json", broken.ToJsonString());
            Assert.Equal(Vn(2026, 3, 16, 17, 0), At((await DossierAsync(reception, code))["appointmentAt"]));
            await ApiClient.ProblemAsync(await reception.Http.PostAsync("/api/calendars/vn-government/reload", null), HttpStatusCode.Forbidden);

            // A holiday announced late: Mon 16 Mar 2026.
            await File.WriteAllTextAsync(file, original.Replace("\"holidays\": [", "\"holidays\": [ { \"date\": \"2026-03-16\", \"name\": \"Announced late\", \"source\": \"test\" },"));
            var response = await admin.Http.PostAsync("/api/calendars/vn-government/reload", null);
            await admin.ExpectAsync(response, HttpStatusCode.OK, "reload");
            var replan = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.True(replan["dossiersMoved"]!.GetValue<int>() >= 1, replan.ToJsonString());
            Assert.True(replan["stepsMoved"]!.GetValue<int>() >= 1, replan.ToJsonString());

            var moved = await DossierAsync(reception, code);
            Assert.Equal(Vn(2026, 3, 17, 17, 0), At(moved["appointmentAt"]));
            Assert.Equal(Vn(2026, 3, 17, 10, 30), At(moved["tasks"]!.AsArray().Single()!["dueAt"]));
            Assert.Equal($"vn-government@{replan["version"]!.GetValue<string>()}", moved["appointmentCalendar"]!.GetValue<string>());
            var causes = moved["deadlineChanges"]!.AsArray().Select(c => c!["cause"]!.GetValue<string>()).ToList();
            Assert.Equal(["calendar", "calendar"], causes);

            // Reloading the same files again moves nothing twice.
            var again = (await (await admin.Http.PostAsync("/api/calendars/vn-government/reload", null)).Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal((0, 0), (again["dossiersMoved"]!.GetValue<int>(), again["stepsMoved"]!.GetValue<int>()));
            Assert.Contains((await admin.GetAsync<JsonArray>("/api/calendars/replans")), r => r!["version"]!.GetValue<string>() == replan["version"]!.GetValue<string>()
                && r["dossiersMoved"]!.GetValue<int>() >= 1);
        }
        finally
        {
            await File.WriteAllTextAsync(file, original);
            await admin.Http.PostAsync("/api/calendars/vn-government/reload", null);
        }
    }
}
