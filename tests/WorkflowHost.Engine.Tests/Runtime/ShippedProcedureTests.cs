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

    /// <summary>
    /// Clerks read step names in the inbox, on the slip and on the dashboard, in Vietnamese first: every task, event and
    /// sub-process of a shipped procedure (and every gateway that has a name) reads "Vietnamese (English)", as
    /// "Kiểm tra hồ sơ (Check completeness)". The Vietnamese part must carry a Vietnamese letter, so an English-only
    /// name in that shape is caught too.
    /// </summary>
    [Theory]
    [MemberData(nameof(Procedures))]
    public void ShippedProcedure_NamesEveryStepInVietnameseWithEnglishInBrackets(string file)
    {
        var bpmn = System.Xml.Linq.XNamespace.Get("http://www.omg.org/spec/BPMN/20100524/MODEL");
        var process = System.Xml.Linq.XDocument.Parse(Fixtures.Read("workflows/" + file)).Descendants(bpmn + "process").Single();
        var steps = process.Descendants().Where(e => e.Name.Namespace == bpmn && e.Attribute("id") is not null
            && (e.Name.LocalName.EndsWith("Task", StringComparison.Ordinal) || e.Name.LocalName.EndsWith("Event", StringComparison.Ordinal)
                || e.Name.LocalName == "subProcess" || (e.Name.LocalName.EndsWith("Gateway", StringComparison.Ordinal) && e.Attribute("name") is not null)));
        var wrong = steps.Select(e => (Id: e.Attribute("id")!.Value, Name: e.Attribute("name")?.Value ?? ""))
            .Where(s => !Bilingual.IsMatch(s.Name)).Select(s => $"{s.Id}: \"{s.Name}\"").ToList();
        Assert.True(wrong.Count == 0, $"{file}: steps not named \"Vietnamese (English)\": {string.Join("; ", wrong)}");
        Assert.NotEmpty(steps);
    }

    private static readonly System.Text.RegularExpressions.Regex Bilingual = new(@"^(?=[^(]*[À-ỹĐđ])[^()]+ \([^()]+\)$");

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
        h.CompleteTask("checkCompleteness", ("valid", true));
        h.CompleteTask("askAgencies", ("opinion", "agree"));
        h.CompleteTask("inspectSite");
        h.Now = new DateTimeOffset(2026, 3, 6, 10, 0, 0, TimeSpan.FromHours(7)); // Friday
        h.CompleteTask("appraise");

        // One working day after Friday 10:00 is Monday 9 March 2026, due at the end of office hours.
        var timer = Assert.Single(h.LastEffects.OfType<TimerScheduled>(), t => t.ElementId == "deadlineNear");
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 17, 0, 0, TimeSpan.FromHours(7)), timer.DueAt);
        h.FireTimer("deadlineNear");
        Assert.True(h.IsReady("writeApology"));
        Assert.True(h.IsReady("approve")); // non-interrupting: the leader can still sign
    }

    [Fact]
    public void ConstructionPermit_AsksEveryAgencyInParallelWithSiteInspection()
    {
        // The escalation timer on approval counts working days: like the marriage registration, it needs the calendar.
        var h = EngineHarness.LoadFile("workflows/construction-permit.bpmn", WithCalendar).Start(("agencies", new[] { "fire-police", "electricity" }));
        h.CompleteTask("checkCompleteness", ("valid", true));
        Assert.Equal(["Cho ý kiến (Give opinion)", "Cho ý kiến (Give opinion)", "Kiểm tra thực địa (Inspect the site)"], h.ReadyTasks);
        var opinions = h.Effects.OfType<TaskCreated>().Where(t => t.ElementId == "askAgencies").ToList();
        Assert.Equal(["fire-police", "electricity"], opinions.Select(t => t.CandidateGroups.Single()));
        h.Run(new CompleteUserTask(opinions[1].TaskId, EngineHarness.Vars(("opinion", "agree"))));
        h.Run(new CompleteUserTask(opinions[0].TaskId, EngineHarness.Vars(("opinion", "agree with conditions"))));
        h.CompleteTask("inspectSite");
        Assert.Equal("""[{"agency":"fire-police","opinion":"agree with conditions"},{"agency":"electricity","opinion":"agree"}]""", h.Variables["opinions"]!.ToJsonString());
        h.CompleteTask("appraise");
        h.CompleteTask("approve");
        h.CompleteTask("returnResult");
        Assert.True(h.IsCompleted);
    }

    [Fact]
    public void ConstructionPermit_WithdrawnMidAppraisal_EndsEveryOpenTaskAndTimer_AtStatus7()
    {
        var h = EngineHarness.LoadFile("workflows/construction-permit.bpmn", WithCalendar).Start(("agencies", new[] { "fire-police", "electricity" }));
        h.CompleteTask("checkCompleteness", ("valid", true));
        Assert.Equal(["Cho ý kiến (Give opinion)", "Cho ý kiến (Give opinion)", "Kiểm tra thực địa (Inspect the site)"], h.ReadyTasks);

        Assert.Equal(1, h.Message("dossier-withdrawn", ("withdrawalReason", "citizen request")));

        Assert.True(h.IsCompleted);
        Assert.Empty(h.ReadyTasks);
        Assert.Empty(h.State!.Waits);
        Assert.Equal(3, h.LastEffects.OfType<TaskCancelled>().Count());
        Assert.Contains(h.LastEffects.OfType<ElementStarted>(), e => e.ElementId == "withdrawn");
        Assert.Equal("7", h.Definition.Process.AllNodes["withdrawn"].Extensions["dossierStatus"]);
        Assert.Empty(h.Completed("returned"));
        Assert.Empty(h.Completed("refundFee")); // withdrawal is not a refusal: the fee stays collected
    }

    [Fact]
    public void ConstructionPermit_RefusedAfterTheFeeWasCollected_RunsTheRefundOnce()
    {
        var h = EngineHarness.LoadFile("workflows/construction-permit.bpmn", WithCalendar).Start(("agencies", new[] { "fire-police" }));
        h.CompleteTask("checkCompleteness", ("valid", false));
        h.CompleteTask("issueRefusal");

        Assert.Equal(["Hoàn trả phí (Refund the fee)"], h.ReadyTasks);
        Assert.Equal(InstanceStatus.Active, h.Status); // the refusal waits for the refund
        h.CompleteTask("refundFee", ("refundReceipt", "HT-2026-0007"));

        Assert.True(h.IsCompleted);
        Assert.Single(h.Completed("refundFee"));
        Assert.Single(h.Effects.OfType<TaskCreated>(), t => t.ElementId == "refundFee");
        Assert.Single(h.Completed("refused"));
    }

    [Fact]
    public void ConstructionPermit_ReturnedNormally_RefundsNothing()
    {
        var h = EngineHarness.LoadFile("workflows/construction-permit.bpmn", WithCalendar).Start(("agencies", Array.Empty<string>()));
        h.CompleteTask("checkCompleteness", ("valid", true));
        h.CompleteTask("inspectSite");
        h.CompleteTask("appraise");
        h.CompleteTask("approve");
        h.CompleteTask("returnResult");
        Assert.True(h.IsCompleted);
        Assert.DoesNotContain(h.Effects.OfType<TaskCreated>(), t => t.ElementId == "refundFee");
    }
}
