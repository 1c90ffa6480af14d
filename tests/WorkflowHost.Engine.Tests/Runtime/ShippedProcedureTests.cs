using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Tests.Support;

namespace WorkflowHost.Engine.Tests.Runtime;

/// <summary>The procedures shipped in workflows/ load without warnings and run their main paths.</summary>
public sealed class ShippedProcedureTests
{
    /// <summary>The shipped business calendar: the marriage registration's steps are due in working hours and days.</summary>
    private static readonly EngineOptions WithCalendar = new()
    {
        Calendar = WorkflowHost.Procedures.Calendars.CalendarSet.Load(Fixtures.PathOf("workflows/calendars")).Get(WorkflowHost.Procedures.Calendars.CalendarSet.Default),
    };

    public static TheoryData<string> Procedures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Fixtures.PathOf("workflows"), "*.bpmn").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Procedures))]
    public void ShippedProcedure_LoadsWithoutProblems(string file)
    {
        var result = new BpmnEngine().Load(Fixtures.Read("workflows/" + file));
        Assert.True(result.Succeeded, string.Join("; ", result.Report.Problems.Select(p => $"{p.ElementId}: {p.Message}")));
        Assert.Empty(result.Report.Problems);
    }

    [Fact]
    public void MarriageRegistration_RunsSupplementThenVerificationPath()
    {
        var h = EngineHarness.LoadFile("workflows/marriage-registration.bpmn", WithCalendar).Start(("decision", "supplement"));
        Assert.Empty(h.ReadyTasks);
        Assert.Single(h.Effects.OfType<MessageSent>());
        Assert.Equal(1, h.Message("dossier-supplemented"));
        Assert.Equal(["Kiểm tra hồ sơ bổ sung (Check the supplement)"], h.ReadyTasks);
        h.CompleteTask("Kiểm tra hồ sơ bổ sung (Check the supplement)", ("decision", "accept"));
        h.CompleteTask("Thẩm định hồ sơ (Appraise)", ("verificationNeeded", true), ("opinion", "ok"));
        Assert.Equal(["Xác minh điều kiện (Verify conditions)"], h.ReadyTasks);
        h.CompleteTask("Xác minh điều kiện (Verify conditions)", ("verificationResult", "both unmarried"));
        h.CompleteTask("Phê duyệt, ký (Approve and sign)", ("approved", false));
        Assert.Equal(["Thẩm định hồ sơ (Appraise)"], h.ReadyTasks);
        h.FireTimer("appraiseReminder");
        Assert.Single(h.LastEffects.OfType<ServiceJobRequested>());
        h.CompleteJob("remindOfficer");
        h.CompleteTask("Thẩm định hồ sơ (Appraise)", ("verificationNeeded", false), ("opinion", "ok"));
        h.CompleteTask("Phê duyệt, ký (Approve and sign)", ("approved", true));
        h.CompleteJob("notifyApplicant");
        h.CompleteTask("Trả kết quả (Return result)", ("certificateNumber", "123/2026"));
        Assert.True(h.IsCompleted);
    }

    [Fact]
    public void MarriageRegistration_EndsRefused_WhenTheDeskRefuses()
    {
        var h = EngineHarness.LoadFile("workflows/marriage-registration.bpmn", WithCalendar).Start(("decision", "refuse"));
        Assert.True(h.IsCompleted);
        Assert.Empty(h.ReadyTasks);
    }

    [Fact]
    public void ConstructionPermit_EscalatesToTheApology_OneWorkingDayAfterApprovalOpens_SkippingTheWeekend()
    {
        var h = EngineHarness.LoadFile("workflows/construction-permit.bpmn", WithCalendar).Start(("agencies", new[] { "fire-police" }));
        h.CompleteTask("Check completeness", ("valid", true));
        h.CompleteTask("Give opinion", ("opinion", "agree"));
        h.CompleteTask("Inspect the site");
        h.Now = new DateTimeOffset(2026, 3, 6, 10, 0, 0, TimeSpan.FromHours(7)); // Friday
        h.CompleteTask("Appraise and draft permit");

        // One working day after Friday 10:00 is Monday 9 March 2026, due at the end of office hours.
        var timer = Assert.Single(h.LastEffects.OfType<TimerScheduled>(), t => t.ElementId == "deadlineNear");
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 17, 0, 0, TimeSpan.FromHours(7)), timer.DueAt);
        h.FireTimer("deadlineNear");
        Assert.True(h.IsReady("Write apology and new appointment"));
        Assert.True(h.IsReady("Approve and sign permit")); // non-interrupting: the leader can still sign
    }

    [Fact]
    public void ConstructionPermit_AsksEveryAgencyInParallelWithSiteInspection()
    {
        // The escalation timer on approval counts working days: like the marriage registration, it needs the calendar.
        var h = EngineHarness.LoadFile("workflows/construction-permit.bpmn", WithCalendar).Start(("agencies", new[] { "fire-police", "electricity" }));
        h.CompleteTask("Check completeness", ("valid", true));
        Assert.Equal(["Give opinion", "Give opinion", "Inspect the site"], h.ReadyTasks);
        var opinions = h.Effects.OfType<TaskCreated>().Where(t => t.ElementId == "askAgencies").ToList();
        Assert.Equal(["fire-police", "electricity"], opinions.Select(t => t.CandidateGroups.Single()));
        h.Run(new CompleteUserTask(opinions[1].TaskId, EngineHarness.Vars(("opinion", "agree"))));
        h.Run(new CompleteUserTask(opinions[0].TaskId, EngineHarness.Vars(("opinion", "agree with conditions"))));
        h.CompleteTask("Inspect the site");
        Assert.Equal("""[{"agency":"fire-police","opinion":"agree with conditions"},{"agency":"electricity","opinion":"agree"}]""", h.Variables["opinions"]!.ToJsonString());
        h.CompleteTask("Appraise and draft permit");
        h.CompleteTask("Approve and sign permit");
        h.CompleteTask("Return result");
        Assert.True(h.IsCompleted);
    }
}
