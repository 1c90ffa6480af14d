using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Tests.Support;

namespace WorkflowHost.Engine.Tests.Runtime;

/// <summary>The procedures shipped in workflows/ load without warnings and run their main paths.</summary>
public sealed class ShippedProcedureTests
{
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
        var h = EngineHarness.LoadFile("workflows/marriage-registration.bpmn").Start(("applicant", "Nguyễn Văn An"));
        Assert.Equal(["Check completeness"], h.ReadyTasks);
        h.CompleteTask("Check completeness", ("decision", "supplement"));
        Assert.Single(h.LastEffects.OfType<MessageSent>());
        Assert.Empty(h.ReadyTasks);
        Assert.Equal(1, h.Message("dossier-supplemented"));
        h.CompleteTask("Check completeness", ("decision", "accept"), ("verificationNeeded", true));
        Assert.Equal(["Verify marriage conditions"], h.ReadyTasks);
        h.CompleteTask("Verify marriage conditions");
        h.FireTimer("appraiseReminder");
        Assert.Single(h.LastEffects.OfType<ServiceJobRequested>());
        h.CompleteJob("remindOfficer");
        h.CompleteTask("Appraise and prepare certificate");
        h.CompleteTask("Approve and sign");
        h.CompleteJob("notifyApplicant");
        h.CompleteTask("Return result");
        Assert.True(h.IsCompleted);
    }

    [Fact]
    public void ConstructionPermit_AsksEveryAgencyInParallelWithSiteInspection()
    {
        var h = EngineHarness.LoadFile("workflows/construction-permit.bpmn").Start(("agencies", new[] { "fire-police", "electricity" }));
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
