using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Tests.Support;

namespace WorkflowHost.Engine.Tests.Conformance;

/// <summary>The SpiffWorkflow cases of the shared corpus, each behaving as its MANIFEST.md entry says.</summary>
public sealed class SpiffConformanceTests
{
    private const string Dir = "conformance/bpmn-exec/";

    private static EngineHarness Load(string file, IDefinitionResolver? resolver = null) =>
        EngineHarness.LoadFile(Dir + file, SpiffHarness.Options, SpiffHarness.Rewrite, resolver);

    private static EngineHarness OnePathEnds() => Load("spiff__Parallel-One-Path-Ends.bpmn20.xml").Start();

    [Fact]
    public void ParallelOnePathEnds_Completes_WhenParallelTaskThenChoiceNo()
    {
        var h = OnePathEnds();
        Assert.Equal(["Choice 1", "Parallel Task"], h.ReadyTasks);
        h.CompleteTask("Parallel Task");
        Assert.False(h.IsReady("Done"));
        h.CompleteTask("Choice 1", ("choice", "No"));
        Assert.True(h.IsReady("Done"));
        h.CompleteTask("Done");
        Assert.True(h.IsCompleted);
        Assert.Empty(h.State!.Waits);
        Assert.Empty(h.State.Tokens);
    }

    [Fact]
    public void ParallelOnePathEnds_DoneWaitsForParallelTask_WhenChoiceNoFirst()
    {
        var h = OnePathEnds();
        h.CompleteTask("Choice 1", ("choice", "No"));
        Assert.False(h.IsReady("Done"));
        h.CompleteTask("Parallel Task");
        Assert.True(h.IsReady("Done"));
        h.CompleteTask("Done");
        Assert.True(h.IsCompleted);
    }

    [Fact]
    public void ParallelOnePathEnds_DoneWaitsForYesTask_WhenChoiceYes()
    {
        var h = OnePathEnds();
        h.CompleteTask("Parallel Task");
        h.CompleteTask("Choice 1", ("choice", "Yes"));
        Assert.False(h.IsReady("Done"));
        Assert.True(h.IsReady("Yes Task"));
        h.CompleteTask("Yes Task");
        Assert.True(h.IsReady("Done"));
        h.CompleteTask("Done");
        Assert.True(h.IsCompleted);
    }

    public static TheoryData<string[]> SplitJoinOrders() => new()
    {
        new[] { "1", "2", "1A", "2A", "1B", "2B", "1 Done", "2 Done", "Done" },
        new[] { "2", "2B", "2A", "1", "2 Done", "1B", "1A", "1 Done", "Done" },
        new[] { "1", "1A", "1B", "1 Done", "2", "2A", "2B", "2 Done", "Done" },
        new[] { "2", "1", "1B", "2A", "1A", "2B", "1 Done", "2 Done", "Done" },
    };

    [Theory]
    [MemberData(nameof(SplitJoinOrders))]
    public void ParallelMultipleSplitsAndJoins_Completes_InAnyOrder(string[] order)
    {
        var h = Load("spiff__Parallel-Multiple-Splits-And-Joins.bpmn20.xml").Start();
        foreach (var task in order)
        {
            if (task != "Done") Assert.False(h.IsReady("Done"));
            h.CompleteTask(task);
        }
        Assert.True(h.IsCompleted);
        Assert.Empty(h.State!.Tokens);
    }

    [Fact]
    public void ParallelMultipleSplitsAndJoins_TwoDoneNotReady_While2AOutstanding()
    {
        var h = Load("spiff__Parallel-Multiple-Splits-And-Joins.bpmn20.xml").Start();
        h.CompleteTask("2");
        h.CompleteTask("2B");
        Assert.False(h.IsReady("2 Done"));
        h.CompleteTask("2A");
        Assert.True(h.IsReady("2 Done"));
    }

    [Fact]
    public void Messages_IgnoresWrongMessage_AndCompletesOnTestMessage()
    {
        var h = Load("spiff__Messages.bpmn20.xml").Start();
        Assert.Empty(h.ReadyTasks);
        Assert.Single(h.Waits(WaitKind.Message));
        Assert.Equal(0, h.Message("Wrong Message"));
        Assert.Equal(InstanceStatus.Active, h.Status);
        Assert.Equal(1, h.Message("Test Message"));
        Assert.True(h.IsCompleted);
    }

    [Fact]
    public void MessageInterrupts_CompletesNormally_WhenTaskDoneFirst()
    {
        var h = Load("spiff__Message-Interrupts.bpmn20.xml").Start();
        Assert.Equal(["Do Something That Takes A Long Time"], h.ReadyTasks);
        Assert.Single(h.Waits(WaitKind.Message));
        h.CompleteTask("Do Something That Takes A Long Time");
        Assert.Empty(h.State!.Waits);
        Assert.True(h.IsCompleted);
    }

    [Fact]
    public void MessageInterrupts_CancelsTask_WhenMessageArrives()
    {
        var h = Load("spiff__Message-Interrupts.bpmn20.xml").Start();
        Assert.Equal(1, h.Message("Test Message"));
        Assert.Equal(["Acknowledge Interrupt Message"], h.ReadyTasks);
        Assert.Contains(h.LastEffects, e => e is TaskCancelled);
        h.CompleteTask("Acknowledge Interrupt Message");
        Assert.True(h.IsCompleted);
    }

    [Fact]
    public void InclusiveGateway_RunsOnlyDefault_WhenNoConditionHolds()
    {
        var h = Load("spiff__inclusive_gateway.bpmn").Start();
        h.CompleteTask("Set Data", ("v", -1), ("u", -1), ("w", -1));
        Assert.True(h.IsCompleted);
        Assert.Equal("""{"v":0,"u":-1,"w":-1}""", h.Variables.ToJsonString());
    }

    [Fact]
    public void InclusiveGateway_RunsBothConditionalBranchesNotDefault_WhenBothHold()
    {
        var h = Load("spiff__inclusive_gateway.bpmn").Start();
        h.CompleteTask("Set Data", ("v", 0), ("u", 1), ("w", 1));
        Assert.True(h.IsCompleted);
        Assert.Equal("""{"v":0,"u":1,"w":1}""", h.Variables.ToJsonString());
        Assert.Empty(h.Completed("increment_v"));
    }

    [Fact]
    public void InclusiveGateway_RaisesIncidentAtJoin_WhenNoOutgoingConditionHolds()
    {
        var h = Load("spiff__inclusive_gateway.bpmn").Start();
        h.CompleteTask("Set Data", ("v", 0), ("u", -1), ("w", -1));
        var incident = Assert.Single(h.OpenIncidents);
        Assert.Equal("second", incident.ElementId);
        Assert.Contains("no default flow", incident.Message);
        Assert.Equal(InstanceStatus.Active, h.Status);
    }

    [Fact]
    public void ExclusiveGatewayNoDefault_RaisesIncidentAtGateway_WhenNoConditionHolds()
    {
        var h = Load("spiff__exclusive_gateway_no_default.bpmn").Start(("x", 1));
        var incident = Assert.Single(h.OpenIncidents);
        Assert.Equal("Gateway_CheckValue", incident.ElementId);
        Assert.Equal(TokenPhase.Failed, h.State!.Tokens.Single().Phase);
    }

    [Fact]
    public void BoundaryTimerOnTask_RunsBoundaryPath_AndKeepsTask()
    {
        var h = Load("spiff__boundary_timer_on_task.bpmn").Start();
        Assert.False(h.Variables["timer_called"]!.GetValue<bool>());
        Assert.Equal(["Say Anything"], h.ReadyTasks);
        h.FireTimer("Event_0y4hbl0");
        Assert.True(h.Variables["timer_called"]!.GetValue<bool>());
        Assert.Equal(["Say Anything"], h.ReadyTasks);
        h.CompleteTask("Say Anything");
        Assert.True(h.IsCompleted);
    }

    [Fact]
    public void EventGateway_MessageWins_OthersCancelled()
    {
        var h = Load("spiff__event-gateway.bpmn").Start();
        Assert.Equal(2, h.Waits(WaitKind.Message).Count);
        Assert.Single(h.Waits(WaitKind.Timer));
        Assert.Equal(1, h.Message("message_1"));
        Assert.True(h.IsCompleted);
        Assert.Single(h.Completed("message_1_event"));
        Assert.Empty(h.Completed("message_2_event"));
        Assert.Contains(h.LastEffects, e => e is TimerCancelled);
    }

    [Fact]
    public void EventGateway_TimerWins_MessagesWithdrawn()
    {
        var h = Load("spiff__event-gateway.bpmn").Start();
        h.FireTimer("timer_event");
        Assert.True(h.IsCompleted);
        Assert.Single(h.Completed("timer_event"));
        Assert.Equal(2, h.LastEffects.OfType<MessageSubscriptionClosed>().Count());
        Assert.Empty(h.State!.Waits);
    }

    private static DictionaryResolver CalleeResolver(EngineHarness? _ = null)
    {
        var engine = new BpmnEngine(SpiffHarness.Options);
        return new DictionaryResolver().Add(engine, SpiffHarness.Rewrite(Fixtures.Read(Dir + "spiff__call_activity_call_activity.bpmn")));
    }

    [Fact]
    public void CallActivity_PassesDataBothWays_AndDeletionFlowsBack()
    {
        var h = Load("spiff__call_activity_end_event.bpmn", CalleeResolver()).Start();
        Assert.True(h.IsCompleted, string.Join("; ", h.OpenIncidents.Select(i => i.Message)));
        Assert.Equal("""{"pre_var":"some string","my_var":"World","my_other_var":"Mike"}""", h.Variables.ToJsonString());
    }

    [Fact]
    public void CallActivity_IncidentNamesCalleeTaskAndCaller_WhenCalleeScriptFails()
    {
        var h = Load("spiff__call_activity_with_error.bpmn", CalleeResolver()).Start();
        var incident = Assert.Single(h.OpenIncidents);
        Assert.Equal("Sub_Bpmn_Task", incident.ElementId);
        Assert.Contains("Create Data", incident.Message);
        Assert.Contains("Get Data Call Activity", incident.Message);
        Assert.True(incident.Message.IndexOf("Create Data", StringComparison.Ordinal) < incident.Message.IndexOf("Get Data Call Activity", StringComparison.Ordinal));
    }

    [Fact]
    public void CallActivity_RaisesNotFoundIncident_WhenCalleeDisappears()
    {
        var resolver = CalleeResolver();
        var h = Load("spiff__call_activity_end_event.bpmn", resolver);
        resolver.Definitions.Clear();
        h.Start();
        var incident = Assert.Single(h.OpenIncidents);
        Assert.Equal("Activity_Call_Activity", incident.ElementId);
        Assert.Contains("The called process 'Call_Activity_Get_Data' was not found", incident.Message);
    }

    [Fact]
    public void CallActivity_FailsValidation_WhenCalleeMissingAtDeploy()
    {
        var engine = new BpmnEngine(SpiffHarness.Options);
        var result = engine.Load(SpiffHarness.Rewrite(Fixtures.Read(Dir + "spiff__call_activity_end_event.bpmn")));
        Assert.False(result.Succeeded);
        var problem = Assert.Single(result.Report.Errors);
        Assert.Equal("Activity_Call_Activity", problem.ElementId);
        Assert.Contains("Call_Activity_Get_Data", problem.Message);
    }
}
