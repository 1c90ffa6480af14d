using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Server.Reminders;
using WorkflowHost.Server.Tests.Infrastructure;
using WorkflowHost.Testing;

namespace WorkflowHost.Server.Tests.Specification;

/// <summary>
/// Reminders and escalations on the shipped marriage registration (1.000894), with the host's clock set by the test
/// and the Hangfire jobs called directly at the instants Hangfire would run them: early warnings and breaches at the
/// working instant exactly once, nothing after the step ends, overdue marks, the unit's leader and manager told, the
/// bell's API and live hub, e-mail through a real SMTP server on loopback, and no doubles across nodes and restarts.
/// </summary>
public abstract class RemindersApiTestBase<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture, IHostFixture<ReminderSetup>
{
    protected TFixture Fixture { get; } = fixture;

    private static DateTimeOffset Local(int month, int day, int hour, int minute = 0) => VietnamTime.At(2026, month, day, hour, minute);

    // ------------------------------------------------------------------ planning and firing

    [Fact]
    public virtual async Task Reminders_FireADayBeforeAndAtDue_ExactlyOnce_AtTheWorkingInstants()
    {
        Fixture.Setup.Clock.Now = Local(12, 7, 8); // Monday
        var code = await ReceiveAsync("Nguyễn Văn Nhắc");
        using var officer = await SignInAsync("officer.hai-chau");
        var appraise = await OpenTaskAsync(officer, code, "appraise");

        // Appraisal has 4 working hours (08:00-11:30, 13:00-13:30): too short for an early warning, a breach row only.
        var appraiseRows = await RemindersAsync(appraise);
        var only = Assert.Single(appraiseRows);
        Assert.Equal((ReminderKind.AtDue, Local(12, 7, 13, 30)), (only.Kind, only.FireAt));

        await CompleteAsync(officer, appraise, new { verificationNeeded = true, opinion = "Cần xác minh tình trạng hôn nhân" });
        Assert.All(await RemindersAsync(appraise), r => Assert.Equal(RowStatus.Cancelled, r.Status));
        var verify = await OpenTaskAsync(officer, code, "verify");
        await ClaimAsync(officer, verify);

        // 4 working days from Monday: Tue, Wed, Thu, Fri, due at 17:00 Friday; warned at 17:00 Thursday.
        var rows = (await RemindersAsync(verify)).OrderBy(r => r.FireAt).ToList();
        Assert.Equal([(ReminderKind.BeforeDue, Local(12, 10, 17)), (ReminderKind.AtDue, Local(12, 11, 17))], rows.Select(r => (r.Kind, r.FireAt)));

        Fixture.Setup.Clock.Now = Local(12, 10, 16, 59);
        foreach (var row in rows) await FireAsync(row.Id); // a job started a minute early (or stale) does nothing
        Assert.Empty(await NotesAsync(code));

        Fixture.Setup.Clock.Now = Local(12, 10, 17);
        await FireInstantAsync(Fixture.Setup.Clock.Now); // the instant's Hangfire job
        await FireDueAsync(code);
        var warned = Assert.Single(await NotesAsync(code));
        Assert.Equal(("officer.hai-chau", NotificationKind.DueSoon, Local(12, 11, 17)), (warned.Recipient, warned.Kind, warned.DueAt!.Value));

        Fixture.Setup.Clock.Now = Local(12, 11, 17);
        await FireDueAsync(code);
        foreach (var row in rows) await FireAsync(row.Id);
        var notes = await NotesAsync(code);
        Assert.Equal(
            [("leader.hai-chau", NotificationKind.Breach), ("manager.hai-chau", NotificationKind.Breach), ("officer.hai-chau", NotificationKind.DueNow),
             ("officer.hai-chau", NotificationKind.DueSoon)],
            notes.Select(n => (n.Recipient, n.Kind)).Order());
        var (taskOverdue, dossierOverdue) = await OverdueAsync(verify, code);
        Assert.Equal(Local(12, 11, 17), taskOverdue);
        Assert.Equal(Local(12, 11, 17), dossierOverdue);
        Assert.All(await RemindersAsync(verify), r => Assert.Equal(RowStatus.Done, r.Status));
    }

    [Fact]
    public virtual async Task Reminders_AreCancelled_AndNothingFires_WhenTheStepIsDoneInTime()
    {
        Fixture.Setup.Clock.Now = Local(12, 14, 8); // Monday
        var code = await ReceiveAsync("Trần Thị Kịp Thời");
        using var officer = await SignInAsync("officer.hai-chau");
        var appraise = await OpenTaskAsync(officer, code, "appraise");
        var planned = Assert.Single(await RemindersAsync(appraise));

        Fixture.Setup.Clock.Now = Local(12, 14, 11);
        await CompleteAsync(officer, appraise, new { verificationNeeded = false, opinion = "Đủ điều kiện" });

        Assert.Equal(RowStatus.Cancelled, Assert.Single(await RemindersAsync(appraise)).Status);
        // As if the node died between the commit and cancelling the rows: the row is still pending when its job runs.
        using (var scope = Fixture.Factory.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Reminders.Where(r => r.Id == planned.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RowStatus.Pending));
        Fixture.Setup.Clock.Now = planned.FireAt;
        await FireAsync(planned.Id); // the step is closed: nothing fires, the row is cancelled
        await FireDueAsync(code);
        Assert.Equal(RowStatus.Cancelled, Assert.Single(await RemindersAsync(appraise)).Status);
        Assert.DoesNotContain(await NotesAsync(code), n => n.TaskId == appraise);
        Assert.Equal((null, null), await OverdueAsync(appraise, code));
        // The next step (approval, 2 working hours from 11:00: 11:00-11:30 and 13:00-14:30) got its own breach row.
        var approve = await OpenTaskAsync(await SignInAsync("leader.hai-chau"), code, "approve");
        Assert.Equal(Local(12, 14, 14, 30), Assert.Single(await RemindersAsync(approve)).FireAt);
    }

    [Fact]
    public virtual async Task Breach_OfAQueuedStep_RemindsTheUnitsQueue_TellsItsLeaderAndManagerLive_AndOnlyThem()
    {
        Fixture.Setup.Clock.Now = Local(12, 21, 8); // Monday
        var code = await ReceiveAsync("Lê Văn Quá Hạn");
        using var officer = await SignInAsync("officer.hai-chau");
        var appraise = await OpenTaskAsync(officer, code, "appraise");

        Fixture.Setup.Clock.Now = Local(12, 21, 13, 30);
        var pushed = new ConcurrentQueue<(string Who, string Method, JsonObject Body)>();
        await using var leader = await ConnectAsync("leader.hai-chau", pushed);
        await using var manager = await ConnectAsync("manager.hai-chau", pushed);
        await using var otherManager = await ConnectAsync("manager.thanh-khe", pushed);
        await FireDueAsync(code);

        var notes = await NotesAsync(code);
        Assert.Equal([("leader.hai-chau", NotificationKind.Breach), ("manager.hai-chau", NotificationKind.Breach), ("officer.hai-chau", NotificationKind.DueNow)],
            notes.Select(n => (n.Recipient, n.Kind)).Order());
        await WaitAsync(() => pushed.Count(p => p.Who != "manager.thanh-khe") >= 4, "the pushes to Hải Châu's leader and manager");
        Assert.Contains(pushed, p => p is { Who: "leader.hai-chau", Method: "notification" } && p.Body["dossierCode"]!.GetValue<string>() == code);
        var breach = Assert.Single(pushed, p => p is { Who: "manager.hai-chau", Method: "breach" }).Body;
        Assert.Equal((code, "20242", appraise), (breach["dossierCode"]!.GetValue<string>(), breach["unitCode"]!.GetValue<string>(), breach["taskId"]!.GetValue<Guid>()));
        Assert.Equal(Local(12, 21, 13, 30), breach["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.DoesNotContain(pushed, p => p.Who == "manager.thanh-khe");

        // The bell: unread first, marking read, nobody else's.
        using var leaderApi = await SignInAsync("leader.hai-chau");
        var list = await leaderApi.GetAsync<JsonObject>("/api/notifications");
        Assert.True(list["unread"]!.GetValue<int>() >= 1);
        var mine = list["items"]!.AsArray().Select(i => i!.AsObject()).First(i => i["dossierCode"]?.GetValue<string>() == code);
        Assert.Equal(("breach", (string?)null), (mine["kind"]!.GetValue<string>(), mine["readAt"]?.GetValue<string>()));
        var id = mine["id"]!.GetValue<long>();
        using var stranger = await SignInAsync("officer.thanh-khe");
        await ApiClient.ProblemAsync(await stranger.Http.PostAsync($"/api/notifications/{id}/read", null), HttpStatusCode.NotFound);
        Assert.Null(await ReadAtAsync(id));
        var read = await leaderApi.Http.PostAsync($"/api/notifications/{id}/read", null);
        await leaderApi.ExpectAsync(read, HttpStatusCode.OK, "mark read");
        Assert.Equal(Local(12, 21, 13, 30), await ReadAtAsync(id));
        var after = await leaderApi.GetAsync<JsonObject>("/api/notifications");
        Assert.Equal(list["unread"]!.GetValue<int>() - 1, after["unread"]!.GetValue<int>());
        Assert.DoesNotContain((await stranger.GetAsync<JsonObject>("/api/notifications"))["items"]!.AsArray(), i => i!["dossierCode"]?.GetValue<string>() == code);
    }

    [Fact]
    public virtual async Task Replan_MovesPendingReminders_ToTheNewDueInstant_AndAddsNothingTheSecondTime()
    {
        Fixture.Setup.Clock.Now = Local(12, 28, 8); // Monday
        var code = await ReceiveAsync("Phạm Văn Gia Hạn");
        using var officer = await SignInAsync("officer.hai-chau");
        var appraise = await OpenTaskAsync(officer, code, "appraise");
        var old = Assert.Single(await RemindersAsync(appraise));

        // The lead's pause/extension code moves the due date and calls ReplanAsync; here the move is made by hand.
        var moved = Local(12, 29, 13, 30);
        using (var scope = Fixture.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            await db.Tasks.Where(t => t.Id == appraise).ExecuteUpdateAsync(s => s.SetProperty(t => t.DueAt, moved));
            Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<ReminderPlanner>().ReplanAsync(appraise, CancellationToken.None));
        }
        using (var scope = Fixture.Factory.Services.CreateScope())
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<ReminderPlanner>().ReplanAsync(appraise, CancellationToken.None));

        var rows = await RemindersAsync(appraise);
        Assert.Equal(RowStatus.Cancelled, rows.Single(r => r.Id == old.Id).Status);
        Assert.Equal([(ReminderKind.BeforeDue, Local(12, 28, 13, 30)), (ReminderKind.AtDue, moved)],
            rows.Where(r => r.Status == RowStatus.Pending).OrderBy(r => r.FireAt).Select(r => (r.Kind, r.FireAt)));

        // At the old instant the step is not breached any more: the officer is warned a working day ahead instead.
        Fixture.Setup.Clock.Now = Local(12, 28, 13, 30);
        await FireAsync(old.Id);
        await FireDueAsync(code);
        Assert.Equal([("officer.hai-chau", NotificationKind.DueSoon)], (await NotesAsync(code)).Select(n => (n.Recipient, n.Kind)));
        Assert.Equal((null, null), await OverdueAsync(appraise, code));
    }

    [Fact]
    public virtual async Task TwoNodes_AndRepeatedReconciliation_NeverDoubleOrLoseAReminder()
    {
        Fixture.Setup.Clock.Now = Local(12, 7, 8);
        var code = await ReceiveAsync("Hoàng Văn Hai Nút");
        using var officer = await SignInAsync("officer.hai-chau");
        var appraise = await OpenTaskAsync(officer, code, "appraise");
        var row = Assert.Single(await RemindersAsync(appraise));

        // A second node starting on the same database (or this one restarting with in-memory Hangfire) reconciles.
        await using var second = Fixture.SecondNode();
        _ = second.Server;
        Fixture.Setup.Clock.Now = row.FireAt - TimeSpan.FromMinutes(5);
        foreach (var node in new[] { Fixture.Factory.Services, second.Services, Fixture.Factory.Services, second.Services })
            await PromoteAsync(node);
        Assert.NotNull((await RemindersAsync(appraise)).Single().HangfireJobId); // inside the horizon: a job holds it

        Fixture.Setup.Clock.Now = row.FireAt;
        // Both nodes run the instant's job and the row's own job at once, three times over.
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => i % 3 == 0
            ? FireInstantAsync(row.FireAt, i % 2 == 0 ? Fixture.Factory.Services : second.Services)
            : FireAsync(row.Id, i % 2 == 0 ? Fixture.Factory.Services : second.Services)));
        await PromoteAsync(second.Services);
        await FireDueAsync(code, second.Services);

        var notes = await NotesAsync(code);
        Assert.Equal(3, notes.Count);
        Assert.Equal(notes.Count, notes.Select(n => (n.Recipient, n.Kind)).Distinct().Count());
        Assert.Equal(RowStatus.Done, Assert.Single(await RemindersAsync(appraise)).Status);
    }

    [Fact]
    public virtual async Task Hub_And_Notifications_Answer401_WithoutSignIn()
    {
        using var anonymous = Fixture.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.Http.PostAsync("/hubs/notifications/negotiate?negotiateVersion=1", null)).StatusCode);
        await ApiClient.ProblemAsync(await anonymous.Http.GetAsync("/api/notifications"), HttpStatusCode.Unauthorized);
        await ApiClient.ProblemAsync(await anonymous.Http.PostAsync("/api/notifications/1/read", null), HttpStatusCode.Unauthorized);
    }

    // ------------------------------------------------------------------ e-mail

    [Fact]
    public virtual async Task Email_IsRetriedWhileSmtpFails_WithoutHoldingUpTheProcess_ThenArrivesWithTheRightRecipientAndText()
    {
        Fixture.Setup.Clock.Now = Local(12, 7, 8);
        var code = await ReceiveAsync("Đặng Thị Thư");
        using var officer = await SignInAsync("officer.hai-chau");
        var appraise = await OpenTaskAsync(officer, code, "appraise");
        await MailQuietAsync();
        var refusedBefore = await RefusalsAsync();
        var lastBefore = await WithDbAsync(db => db.Notifications.MaxAsync(n => (long?)n.Id)) ?? 0;
        Fixture.Setup.Smtp.FailNext(2);

        Fixture.Setup.Clock.Now = Local(12, 7, 13, 30);
        await FireDueAsync(code);
        // The breach is recorded and the dossier moves on while the mail server refuses.
        Assert.Equal(3, (await NotesAsync(code)).Count);
        await CompleteAsync(officer, appraise, new { verificationNeeded = false, opinion = "Đủ điều kiện" });
        await OpenTaskAsync(await SignInAsync("leader.hai-chau"), code, "approve");

        var mail = await WaitForMailAsync("leader.hai-chau@example.vn", code);
        var message = mail.Message;
        Assert.Equal("leader.hai-chau@example.vn", Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("motcua@example.vn", Assert.Single(message.From.Mailboxes).Address);
        Assert.StartsWith("[Quá hạn / Overdue]", message.Subject);
        Assert.Contains($"Bước \"Thẩm định hồ sơ (Appraise)\" của hồ sơ {code} (đơn vị 20242) đã quá hạn từ 13:30 07/12/2026.", message.TextBody);
        Assert.Contains($"is overdue since 13:30 07/12/2026", message.TextBody);
        var leaderNote = (await NotesAsync(code)).Single(n => n.Recipient == "leader.hai-chau");
        await WaitAsync(async () => (await NoteAsync(leaderNote.Id)).EmailStatus == EmailState.Sent, "the leader's e-mail marked sent");
        await WaitForMailAsync("manager.hai-chau@example.vn", code);
        await WaitForMailAsync("officer.hai-chau@example.vn", code);
        await WaitAsync(async () => (await NotesAsync(code)).All(n => n.EmailStatus == EmailState.Sent), "every e-mail marked sent");
        var all = await NotesAsync(code);
        Assert.All(all, n => Assert.Equal(EmailState.Sent, n.EmailStatus));
        Assert.Equal(3, Fixture.Setup.Smtp.Received.Count(m => m.Text.Contains(code, StringComparison.Ordinal)));
        // Both refusals were met and retried. Moving the clock may also breach an earlier test's dossier, whose mail can
        // meet a refusal first: count refusals over every notification, and require that none of them was given up.
        await MailQuietAsync();
        Assert.Equal(2, await RefusalsAsync() - refusedBefore);
        Assert.False(await WithDbAsync(db => db.Notifications.AnyAsync(n => n.Id > lastBefore && n.EmailStatus == EmailState.Failed)), "a refused e-mail was given up instead of retried");
    }

    [Fact]
    public virtual async Task Email_IsMarkedFailedWithTheReason_AfterTheConfiguredAttempts_AndTheBellStillHasIt()
    {
        Fixture.Setup.Clock.Now = Local(12, 7, 8);
        var code = await ReceiveAsync("Bùi Văn Lỗi Thư");
        using var officer = await SignInAsync("officer.hai-chau");
        await OpenTaskAsync(officer, code, "appraise");
        await MailQuietAsync();
        Fixture.Setup.Smtp.FailNext(1000);
        try
        {
            Fixture.Setup.Clock.Now = Local(12, 7, 13, 30);
            await FireDueAsync(code);
            var notes = await NotesAsync(code);
            foreach (var note in notes)
                await WaitAsync(async () => (await NoteAsync(note.Id)).EmailStatus == EmailState.Failed, $"the e-mail to {note.Recipient} marked failed");
            Assert.All(await NotesAsync(code), n =>
            {
                Assert.Equal(ReminderSetup.EmailAttempts, n.EmailAttempts);
                Assert.Contains("temporarily unavailable", n.EmailError);
            });
            Assert.DoesNotContain(Fixture.Setup.Smtp.Received, m => m.Text.Contains(code, StringComparison.Ordinal));
            using var leader = await SignInAsync("leader.hai-chau");
            Assert.Contains((await leader.GetAsync<JsonObject>("/api/notifications"))["items"]!.AsArray(), i => i!["dossierCode"]?.GetValue<string>() == code);
        }
        finally
        {
            Fixture.Setup.Smtp.FailNext(0);
        }
    }

    // ------------------------------------------------------------------ helpers

    /// <summary>
    /// Two working weeks of marriage registrations at Hải Châu on the test's clock, with a second node taking over in the
    /// middle (it starts on the same database and reconciles, as a restarted node does): a step done in time reminds
    /// nobody; a step left open breaches exactly at its due instant, once; a step whose dossier waits for a supplement
    /// does not breach while paused, and after the supplement its due date and the appointment move by exactly the
    /// paused working time and it breaches once at the moved instant; in week two a holiday announced late re-plans an
    /// open dossier's appointment, its step and the step's reminder.
    /// </summary>
    [Fact]
    public virtual async Task TwoWorkingWeeks_WithANodeTakingOver_RemindAndBreachExactlyOnce_AtTheWorkingInstants()
    {
        Fixture.Setup.Clock.Now = Local(12, 7, 8, 0);
        var (inTime, late, paused) = (await ReceiveAsync("Tuần Một A"), await ReceiveAsync("Tuần Một B"), await ReceiveAsync("Tuần Một C"));
        var officer = await SignInAsync("officer.hai-chau");
        var (inTimeTask, lateTask, pausedTask) = (await OpenTaskAsync(officer, inTime, "appraise"), await OpenTaskAsync(officer, late, "appraise"),
            await OpenTaskAsync(officer, paused, "appraise"));

        Fixture.Setup.Clock.Now = Local(12, 7, 9, 0);
        await officer.ExpectAsync(await officer.Http.PostAsJsonAsync($"/api/tasks/{pausedTask}/return-for-supplement", new { missing = new[] { "Giấy xác nhận tình trạng hôn nhân" } }),
            HttpStatusCode.OK, "return-for-supplement");
        Fixture.Setup.Clock.Now = Local(12, 7, 10, 0);
        await CompleteAsync(officer, inTimeTask, new { opinion = "Đủ điều kiện", verificationNeeded = false });

        // Mon 13:30: the appraisal's 4 working hours from 08:00 are up.
        Fixture.Setup.Clock.Now = Local(12, 7, 13, 30);
        await FireInstantAsync(Fixture.Setup.Clock.Now);
        // The step done in time reminds nobody (the approval it handed over to is another step, with its own due date).
        Assert.DoesNotContain(await NotesAsync(inTime), n => n.TaskId == inTimeTask);
        Assert.Empty(await NotesAsync(paused));
        Assert.Equal((null, null), await OverdueAsync(pausedTask, paused));
        var (lateStep, lateDossier) = await OverdueAsync(lateTask, late);
        Assert.Equal(Local(12, 7, 13, 30), lateStep);
        Assert.Equal(Local(12, 7, 13, 30), lateDossier);
        var breachedTo = (await NotesAsync(late)).Where(n => n.Kind == NotificationKind.Breach && n.TaskId == lateTask).Select(n => n.Recipient).Order().ToList();
        Assert.Equal(["leader.hai-chau", "manager.hai-chau"], breachedTo);

        // Tue: another node takes over; its start-up reconciliation must neither lose nor double anything.
        await using var node = Fixture.SecondNode();
        Fixture.Setup.Clock.Now = Local(12, 8, 8, 0);
        _ = node.Server;
        await FireInstantAsync(Local(12, 7, 13, 30), node.Services);
        Assert.Equal(2, (await NotesAsync(late)).Count(n => n.Kind == NotificationKind.Breach && n.TaskId == lateTask));

        // Wed 09:00: the supplement comes; paused Mon 09:00 – Wed 09:00 = 6.5 + 8 + 1.5 = 16 working hours.
        Fixture.Setup.Clock.Now = Local(12, 9, 9, 0);
        using (var reception = await SignInAsync("reception.hai-chau"))
            await reception.ExpectAsync(await reception.Http.PostAsJsonAsync($"/api/dossiers/{paused}/supplement", new { note = "Đã bổ sung" }), HttpStatusCode.OK, "supplement");
        officer = await SignInAsync("officer.hai-chau");
        var resumed = await officer.GetAsync<JsonObject>($"/api/dossiers/{paused}");
        Assert.Equal(Local(12, 9, 17, 0), resumed["appointmentAt"]!.GetValue<DateTimeOffset>());
        var movedDue = Local(12, 9, 13, 30); // Mon 13:30 + 16 h: 3.5 (Mon) + 8 (Tue) + 4 + 0.5 (Wed)
        Assert.Equal(movedDue, resumed["tasks"]!.AsArray().Single(t => t!["id"]!.GetValue<Guid>() == pausedTask)!["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Contains(await RemindersAsync(pausedTask), r => r.Kind == ReminderKind.AtDue && r.Status == RowStatus.Pending && r.FireAt == movedDue);

        Fixture.Setup.Clock.Now = movedDue;
        await FireInstantAsync(movedDue, node.Services);
        await FireInstantAsync(movedDue, node.Services);
        Assert.Equal(["leader.hai-chau", "manager.hai-chau"],
            (await NotesAsync(paused)).Where(n => n.Kind == NotificationKind.Breach && n.TaskId == pausedTask).Select(n => n.Recipient).Order().ToList());
        Assert.Equal(movedDue, (await OverdueAsync(pausedTask, paused)).Item1);

        // Week two, Thu 17 Dec 16:00 (after the 15:00 cut-off): due Fri 18 17:00, appraisal due Fri 10:30 — until Fri 18 becomes a holiday.
        Fixture.Setup.Clock.Now = Local(12, 17, 16, 0);
        var replanned = await ReceiveAsync("Tuần Hai D");
        officer = await SignInAsync("officer.hai-chau");
        var replannedTask = await OpenTaskAsync(officer, replanned, "appraise");
        var file = Path.Combine(Fixture.Root, "workflows", "calendars", "vn-government", "2026.json");
        var original = await File.ReadAllTextAsync(file);
        using var admin = await SignInAsync("admin");
        try
        {
            await File.WriteAllTextAsync(file, original.Replace("\"holidays\": [", "\"holidays\": [ { \"date\": \"2026-12-18\", \"name\": \"Announced late\", \"source\": \"test\" },"));
            await admin.ExpectAsync(await admin.Http.PostAsync("/api/calendars/vn-government/reload", null), HttpStatusCode.OK, "reload");
            var moved = await officer.GetAsync<JsonObject>($"/api/dossiers/{replanned}");
            Assert.Equal(Local(12, 21, 17, 0), moved["appointmentAt"]!.GetValue<DateTimeOffset>());
            Assert.Equal(Local(12, 21, 10, 30), moved["tasks"]!.AsArray().Single()!["dueAt"]!.GetValue<DateTimeOffset>());

            Fixture.Setup.Clock.Now = Local(12, 18, 10, 30);
            await FireInstantAsync(Fixture.Setup.Clock.Now, node.Services);
            Assert.DoesNotContain(await NotesAsync(replanned), n => n.TaskId == replannedTask);
            Fixture.Setup.Clock.Now = Local(12, 21, 10, 30);
            await FireInstantAsync(Fixture.Setup.Clock.Now, node.Services);
            await FireInstantAsync(Fixture.Setup.Clock.Now);
            Assert.Equal(2, (await NotesAsync(replanned)).Count(n => n.Kind == NotificationKind.Breach && n.TaskId == replannedTask));
            Assert.Equal(Local(12, 21, 10, 30), (await OverdueAsync(replannedTask, replanned)).Item1);
        }
        finally
        {
            await File.WriteAllTextAsync(file, original);
            await admin.Http.PostAsync("/api/calendars/vn-government/reload", null);
        }
    }

    /// <summary>A session made at the clock's current setting (these tests move it by days).</summary>
    private Task<ApiClient> SignInAsync(string user) => Fixture.SignInAfreshAsync(user);

    /// <summary>Receives a marriage registration at the Hải Châu desk; returns its code.</summary>
    private async Task<string> ReceiveAsync(string applicant)
    {
        using var reception = await SignInAsync("reception.hai-chau");
        var received = await DossierSteps.ReceiveAsync(reception, new
        {
            procedureCode = "1.000894", receivingUnit = "20242", channel = 1,
            applicant = new { type = "citizen", name = applicant, idNumber = "048090001234" }, subject = new { unitCode = "20242" },
        });
        return received["code"]!.GetValue<string>();
    }

    /// <summary>The id of the dossier's step once it is open in the caller's inbox.</summary>
    private static async Task<Guid> OpenTaskAsync(ApiClient client, string code, string elementId) =>
        (await DossierSteps.OpenTaskAsync(client, code, elementId))["id"]!.GetValue<Guid>();

    private static async Task ClaimAsync(ApiClient client, Guid task) =>
        await client.ExpectAsync(await client.Http.PostAsync($"/api/tasks/{task}/claim", null), HttpStatusCode.OK, "claim");

    private static async Task CompleteAsync(ApiClient client, Guid task, object variables)
    {
        await ClaimAsync(client, task);
        await client.ExpectAsync(await client.Http.PostAsJsonAsync($"/api/tasks/{task}/complete", new { variables }), HttpStatusCode.OK, "complete");
    }

    private async Task<T> WithDbAsync<T>(Func<WorkflowDbContext, Task<T>> read)
    {
        using var scope = Fixture.Factory.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<WorkflowDbContext>());
    }

    private Task<List<ReminderEntity>> RemindersAsync(Guid taskId) => WithDbAsync(db => db.Reminders.AsNoTracking().Where(r => r.TaskId == taskId).ToListAsync());

    private Task<List<NotificationEntity>> NotesAsync(string code) => WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.DossierCode == code).ToListAsync());

    private Task<NotificationEntity> NoteAsync(long id) => WithDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.Id == id));

    private Task<DateTimeOffset?> ReadAtAsync(long id) => WithDbAsync(db => db.Notifications.Where(n => n.Id == id).Select(n => n.ReadAt).SingleAsync());

    private Task<(DateTimeOffset?, DateTimeOffset?)> OverdueAsync(Guid taskId, string code) => WithDbAsync(async db =>
        (await db.Tasks.Where(t => t.Id == taskId).Select(t => t.OverdueAt).SingleAsync(), await db.Dossiers.Where(d => d.Code == code).Select(d => d.OverdueAt).SingleAsync()));

    /// <summary>
    /// What Hangfire does at the clock's instant: run the job of every pending reminder of the dossier that is due (only
    /// this test's dossier: other tests of the class leave rows behind).
    /// </summary>
    private async Task FireDueAsync(string code, IServiceProvider? node = null)
    {
        var now = Fixture.Setup.Clock.Now;
        var due = await WithDbAsync(db => db.Reminders.Where(r => r.Status == RowStatus.Pending && r.FireAt <= now
            && db.Dossiers.Any(d => d.Id == r.DossierId && d.Code == code)).Select(r => r.Id).ToListAsync());
        foreach (var id in due) await FireAsync(id, node);
    }

    private async Task FireAsync(Guid reminderId, IServiceProvider? node = null)
    {
        using var scope = (node ?? Fixture.Factory.Services).CreateScope();
        await scope.ServiceProvider.GetRequiredService<ReminderJobs>().FireAsync(reminderId, CancellationToken.None);
    }

    /// <summary>The Hangfire job of an instant: fires every pending reminder due by then.</summary>
    private async Task FireInstantAsync(DateTimeOffset instant, IServiceProvider? node = null)
    {
        using var scope = (node ?? Fixture.Factory.Services).CreateScope();
        await scope.ServiceProvider.GetRequiredService<ReminderJobs>().FireDueAsync(instant, CancellationToken.None);
    }

    private static async Task PromoteAsync(IServiceProvider node)
    {
        using var scope = node.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ReminderJobs>().PromoteAsync(CancellationToken.None);
    }

    private async Task<HubConnection> ConnectAsync(string user, ConcurrentQueue<(string, string, JsonObject)> pushed)
    {
        using var anonymous = Fixture.Anonymous();
        var token = await anonymous.Http.PostAsJsonAsync("/api/auth/token", new { userName = user, password = user });
        await anonymous.ExpectAsync(token, HttpStatusCode.OK, $"token of {user}");
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        var server = Fixture.Factory.Server;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "hubs/notifications"), o =>
            {
                // The test server has no sockets: long polling over its in-memory handler, the token in the Authorization header.
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                o.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
            })
            .Build();
        connection.On<JsonObject>("notification", body => pushed.Enqueue((user, "notification", body)));
        connection.On<JsonObject>("breach", body => pushed.Enqueue((user, "breach", body)));
        await connection.StartAsync();
        return connection;
    }

    /// <summary>Waits until no e-mail of an earlier test is still being sent, so a planned SMTP refusal hits this test's mail.</summary>
    /// <summary>SMTP refusals met so far by every notification: attempts beyond the one that was accepted.</summary>
    private Task<int> RefusalsAsync() =>
        WithDbAsync(async db => await db.Notifications.SumAsync(n => n.EmailAttempts) - await db.Notifications.CountAsync(n => n.EmailStatus == EmailState.Sent));

    private Task MailQuietAsync() =>
        WaitAsync(async () => !await WithDbAsync(db => db.Notifications.AnyAsync(n => n.EmailStatus == EmailState.Pending)), "earlier e-mails to settle");

    private async Task<ReceivedMail> WaitForMailAsync(string to, string code)
    {
        ReceivedMail? found = null;
        await WaitAsync(() =>
        {
            found = Fixture.Setup.Smtp.Received.FirstOrDefault(m => m.Recipients.Contains(to) && m.Text.Contains(code, StringComparison.Ordinal));
            return found is not null;
        }, $"an e-mail to {to} about {code}");
        return found!;
    }

    private Task WaitAsync(Func<bool> condition, string what) => WaitAsync(() => Task.FromResult(condition()), what);

    private async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > until) Assert.Fail($"Timed out waiting for {what}.{Environment.NewLine}{Fixture.Logs.Tail()}");
            await Task.Delay(100);
        }
    }
}
