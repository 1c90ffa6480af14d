using System.Net;
using WorkflowHost.Server.Tests.Infrastructure;

namespace WorkflowHost.Server.Tests.Conformance;

/// <summary>
/// The SpiffWorkflow cases of the shared corpus through the REST API, asserting what
/// WorkflowHost.Engine.Tests/Conformance/SpiffConformanceTests asserts at engine level ("ready" = an open task).
/// </summary>
public abstract class SpiffConformanceApiTestBase<TFixture>(TFixture fixture) : ConformanceApiTestBase<TFixture>(fixture) where TFixture : ApiFixture
{
    private Task<string> DeploySpiffAsync(string file, IReadOnlyDictionary<string, string>? calledKeys = null, Func<string, string>? adapt = null) =>
        DeployAsync(file, RestHarness.Spiff, calledKeys, adapt);

    private async Task<Guid> StartOnePathEndsAsync()
    {
        var (started, _) = await StartAsync(await DeploySpiffAsync("spiff__Parallel-One-Path-Ends.bpmn20.xml"));
        Assert.Equal(["Choice 1", "Parallel Task"], await (await AdminAsync()).OpenTaskNamesAsync(started.Id));
        return started.Id;
    }

    [Fact]
    public virtual async Task ParallelOnePathEnds_Completes_WhenParallelTaskThenChoiceNo()
    {
        var id = await StartOnePathEndsAsync();
        await CompleteTaskAsync(id, "Parallel Task");
        Assert.False(await IsReadyAsync(id, "Done"));
        await CompleteTaskAsync(id, "Choice 1", new { choice = "No" });
        Assert.True(await IsReadyAsync(id, "Done"));
        await CompleteTaskAsync(id, "Done");
        await AssertCompletedAsync(id);
    }

    [Fact]
    public virtual async Task ParallelOnePathEnds_DoneWaitsForParallelTask_WhenChoiceNoFirst()
    {
        var id = await StartOnePathEndsAsync();
        await CompleteTaskAsync(id, "Choice 1", new { choice = "No" });
        Assert.False(await IsReadyAsync(id, "Done"));
        await CompleteTaskAsync(id, "Parallel Task");
        Assert.True(await IsReadyAsync(id, "Done"));
        await CompleteTaskAsync(id, "Done");
        await AssertCompletedAsync(id);
    }

    [Fact]
    public virtual async Task ParallelOnePathEnds_DoneWaitsForYesTask_WhenChoiceYes()
    {
        var id = await StartOnePathEndsAsync();
        await CompleteTaskAsync(id, "Parallel Task");
        await CompleteTaskAsync(id, "Choice 1", new { choice = "Yes" });
        Assert.False(await IsReadyAsync(id, "Done"));
        Assert.True(await IsReadyAsync(id, "Yes Task"));
        await CompleteTaskAsync(id, "Yes Task");
        Assert.True(await IsReadyAsync(id, "Done"));
        await CompleteTaskAsync(id, "Done");
        await AssertCompletedAsync(id);
    }

    [Theory]
    [MemberData(nameof(SpiffOrders.SplitJoinOrders), MemberType = typeof(SpiffOrders))]
    public virtual async Task ParallelMultipleSplitsAndJoins_Completes_WhenTasksDoneInAnyOrder(string[] order)
    {
        var (started, _) = await StartAsync(await DeploySpiffAsync("spiff__Parallel-Multiple-Splits-And-Joins.bpmn20.xml"));
        foreach (var task in order)
        {
            if (task != "Done") Assert.False(await IsReadyAsync(started.Id, "Done"), $"'Done' must not be ready before '{task}'.");
            await CompleteTaskAsync(started.Id, task);
        }
        await AssertCompletedAsync(started.Id);
    }

    [Fact]
    public virtual async Task ParallelMultipleSplitsAndJoins_TwoDoneNotReady_When2AOutstanding()
    {
        var (started, _) = await StartAsync(await DeploySpiffAsync("spiff__Parallel-Multiple-Splits-And-Joins.bpmn20.xml"));
        await CompleteTaskAsync(started.Id, "2");
        await CompleteTaskAsync(started.Id, "2B");
        Assert.False(await IsReadyAsync(started.Id, "2 Done"));
        await CompleteTaskAsync(started.Id, "2A");
        Assert.True(await IsReadyAsync(started.Id, "2 Done"));
    }

    [Fact]
    public virtual async Task Messages_CompletesOnTestMessageOnly_WhenWrongMessageSentFirst()
    {
        var admin = await AdminAsync();
        var (started, businessKey) = await StartAsync(await DeploySpiffAsync("spiff__Messages.bpmn20.xml"));
        Assert.Empty(await admin.TasksAsync(started.Id));
        Assert.Equal("active", started.Status);

        Assert.Equal(0, (await admin.CorrelateAsync("Wrong Message", businessKey)).Matched);
        Assert.Equal("active", (await InstanceAsync(started.Id)).Status);
        Assert.Equal(1, (await admin.CorrelateAsync("Test Message", businessKey)).Matched);
        await AssertCompletedAsync(started.Id);
    }

    [Fact]
    public virtual async Task MessageInterrupts_CompletesNormally_WhenTaskDoneFirst()
    {
        var admin = await AdminAsync();
        var (started, businessKey) = await StartAsync(await DeploySpiffAsync("spiff__Message-Interrupts.bpmn20.xml"));
        Assert.Equal(["Do Something That Takes A Long Time"], await admin.OpenTaskNamesAsync(started.Id));

        await CompleteTaskAsync(started.Id, "Do Something That Takes A Long Time");

        await AssertCompletedAsync(started.Id);
        // The boundary's wait went with its task: the message finds nothing.
        Assert.Equal(0, (await admin.CorrelateAsync("Test Message", businessKey)).Matched);
    }

    [Fact]
    public virtual async Task MessageInterrupts_CancelsTask_WhenMessageArrives()
    {
        var admin = await AdminAsync();
        var (started, businessKey) = await StartAsync(await DeploySpiffAsync("spiff__Message-Interrupts.bpmn20.xml"));

        Assert.Equal(1, (await admin.CorrelateAsync("Test Message", businessKey)).Matched);

        Assert.Equal(["Acknowledge Interrupt Message"], await admin.OpenTaskNamesAsync(started.Id));
        var cancelled = Assert.Single(await admin.TasksAsync(started.Id, state: "cancelled"));
        Assert.Equal("Do Something That Takes A Long Time", cancelled.Name);
        await CompleteTaskAsync(started.Id, "Acknowledge Interrupt Message");
        await AssertCompletedAsync(started.Id);
    }

    [Fact]
    public virtual async Task InclusiveGateway_RunsOnlyDefault_WhenNoConditionHolds()
    {
        var (started, _) = await StartAsync(await DeploySpiffAsync("spiff__inclusive_gateway.bpmn"));
        await CompleteTaskAsync(started.Id, "Set Data", new { v = -1, u = -1, w = -1 });
        var instance = await AssertCompletedAsync(started.Id);
        Assert.Equal("""{"v":0,"u":-1,"w":-1}""", instance.Variables.ToJsonString());
    }

    [Fact]
    public virtual async Task InclusiveGateway_RunsBothConditionalBranchesNotDefault_WhenBothHold()
    {
        var (started, _) = await StartAsync(await DeploySpiffAsync("spiff__inclusive_gateway.bpmn"));
        await CompleteTaskAsync(started.Id, "Set Data", new { v = 0, u = 1, w = 1 });
        var instance = await AssertCompletedAsync(started.Id);
        Assert.Equal("""{"v":0,"u":1,"w":1}""", instance.Variables.ToJsonString());
        Assert.Equal(0, instance.Completed("increment_v"));
        Assert.Equal(1, instance.Completed("u_plus_v"));
        Assert.Equal(1, instance.Completed("w_plus_v"));
    }

    [Fact]
    public virtual async Task InclusiveGateway_RaisesIncidentAtJoin_WhenNoOutgoingConditionHolds()
    {
        var admin = await AdminAsync();
        var (started, _) = await StartAsync(await DeploySpiffAsync("spiff__inclusive_gateway.bpmn"));
        await CompleteTaskAsync(started.Id, "Set Data", new { v = 0, u = -1, w = -1 });

        var instance = await InstanceAsync(started.Id);
        Assert.Equal("incident", instance.Status);
        var incident = Assert.Single(await admin.IncidentsAsync(started.Id));
        Assert.Equal("second", incident.ElementId);
        Assert.Contains("no default flow", incident.Message);
        Assert.Equal(incident.Id, Assert.Single(instance.Incidents).Id);
    }

    [Fact]
    public virtual async Task ExclusiveGatewayNoDefault_RaisesIncidentAtGateway_WhenNoConditionHolds()
    {
        var admin = await AdminAsync();
        var (started, _) = await StartAsync(await DeploySpiffAsync("spiff__exclusive_gateway_no_default.bpmn"), new { x = 1 });

        Assert.Equal("incident", started.Status);
        Assert.Equal(["Gateway_CheckValue"], started.ActiveElementIds);
        var incident = Assert.Single(await admin.IncidentsAsync(started.Id));
        Assert.Equal("Gateway_CheckValue", incident.ElementId);
    }

    [Fact]
    public virtual async Task BoundaryTimerOnTask_RunsBoundaryPathAndKeepsTask_WhenTimerFires()
    {
        var admin = await AdminAsync();
        var (started, _) = await StartAsync(await DeploySpiffAsync("spiff__boundary_timer_on_task.bpmn"));
        Assert.False((await InstanceAsync(started.Id)).Variables["timer_called"]!.GetValue<bool>());
        Assert.Equal(["Say Anything"], await admin.OpenTaskNamesAsync(started.Id));

        // The PT0.002S timer fires through Hangfire (the engine test moves its clock instead).
        var fired = await admin.WaitForInstanceAsync(started.Id, i => i.Variables["timer_called"]?.GetValue<bool>() == true, TimerDeadline, "the boundary timer's script");

        Assert.Equal(1, fired.Completed("Event_0y4hbl0"));
        Assert.Equal(["Say Anything"], await admin.OpenTaskNamesAsync(started.Id));
        await CompleteTaskAsync(started.Id, "Say Anything");
        await AssertCompletedAsync(started.Id);
    }

    [Fact]
    public virtual async Task EventGateway_CompletesByMessagePath_WhenMessageArrivesFirst()
    {
        var admin = await AdminAsync();
        // REST difference: the message must reach the server before the timer fires. PT1S is a real race on a busy
        // two-core machine, so this run stretches the timer to PT1M; the timer-wins test keeps PT1S.
        var key = await DeploySpiffAsync("spiff__event-gateway.bpmn", adapt: xml => xml.Replace("\"PT1S\"", "\"PT1M\"", StringComparison.Ordinal));
        var (started, businessKey) = await StartAsync(key);
        Assert.Equal("active", started.Status);
        Assert.Empty(await admin.TasksAsync(started.Id));

        Assert.Equal(1, (await admin.CorrelateAsync("message_1", businessKey)).Matched);

        var instance = await AssertCompletedAsync(started.Id);
        Assert.Equal(1, instance.Completed("message_1_event"));
        Assert.Equal(0, instance.Completed("message_2_event"));
        Assert.Equal(0, instance.Completed("timer_event"));
        Assert.Equal(1, instance.Completed("message_1_end"));
        Assert.Equal(0, (await admin.CorrelateAsync("message_2", businessKey)).Matched);
    }

    [Fact]
    public virtual async Task EventGateway_CompletesByTimerAndWithdrawsMessages_WhenTimerFiresFirst()
    {
        var admin = await AdminAsync();
        var (started, businessKey) = await StartAsync(await DeploySpiffAsync("spiff__event-gateway.bpmn"));

        await admin.WaitForStatusAsync(started.Id, "completed", TimerDeadline);

        var instance = await AssertCompletedAsync(started.Id);
        Assert.Equal(1, instance.Completed("timer_event"));
        Assert.Equal(1, instance.Completed("timer"));
        Assert.Equal(0, instance.Completed("message_1_event"));
        Assert.Equal(0, instance.Completed("message_2_event"));
        Assert.Equal(0, (await admin.CorrelateAsync("message_1", businessKey)).Matched);
        Assert.Equal(0, (await admin.CorrelateAsync("message_2", businessKey)).Matched);
    }

    private async Task<IReadOnlyDictionary<string, string>> DeployCalleeAsync()
    {
        var callee = await DeploySpiffAsync("spiff__call_activity_call_activity.bpmn");
        return new Dictionary<string, string> { ["Call_Activity_Get_Data"] = callee };
    }

    [Fact]
    public virtual async Task CallActivity_PassesDataBothWaysIncludingDeletion_WhenCalleeCompletes()
    {
        var caller = await DeploySpiffAsync("spiff__call_activity_end_event.bpmn", await DeployCalleeAsync());

        var (started, _) = await StartAsync(caller);

        Assert.Equal("completed", started.Status);
        var instance = await AssertCompletedAsync(started.Id);
        Assert.Equal("""{"pre_var":"some string","my_var":"World","my_other_var":"Mike"}""", instance.Variables.ToJsonString());
    }

    [Fact]
    public virtual async Task CallActivity_RaisesIncidentNamingCalleeTaskThenCaller_WhenCalleeScriptFails()
    {
        var admin = await AdminAsync();
        var caller = await DeploySpiffAsync("spiff__call_activity_with_error.bpmn", await DeployCalleeAsync());

        var (started, _) = await StartAsync(caller);

        Assert.Equal("incident", started.Status);
        var incident = Assert.Single(await admin.IncidentsAsync(started.Id));
        Assert.Equal("Sub_Bpmn_Task", incident.ElementId);
        var createData = incident.Message.IndexOf("Create Data", StringComparison.Ordinal);
        var callerAt = incident.Message.IndexOf("Get Data Call Activity", StringComparison.Ordinal);
        Assert.True(createData >= 0 && callerAt > createData, $"The incident should name the callee task, then the caller: {incident.Message}");
    }

    [Fact]
    public virtual async Task CallActivity_Returns422NamingCallActivity_WhenCalleeNotDeployed()
    {
        // The REST form of "callee missing": the caller cannot be deployed while its callee is not published.
        var owner = await Fixture.AsAsync("owner");
        var missing = Bpmn.NewKey("Call_Activity_Get_Data");
        var xml = RestHarness.UniqueKeys(RestHarness.Spiff(RestHarness.Read("spiff__call_activity_end_event.bpmn")), Guid.NewGuid().ToString("N")[..12],
            new Dictionary<string, string> { ["Call_Activity_Get_Data"] = missing });

        var problem = await ApiClient.ProblemAsync(await owner.SendDeployAsync(xml, publish: true), (HttpStatusCode)422);

        var error = Assert.Single(problem["errors"]!.AsArray())!;
        Assert.Equal("Activity_Call_Activity", error["elementId"]!.GetValue<string>());
        Assert.Contains(missing, error["message"]!.GetValue<string>());
    }
}

/// <summary>The completion orders of the nested split/join case (MANIFEST: "four orders all complete").</summary>
public static class SpiffOrders
{
    public static TheoryData<string[]> SplitJoinOrders() => new()
    {
        new[] { "1", "2", "1A", "2A", "1B", "2B", "1 Done", "2 Done", "Done" },
        new[] { "2", "2B", "2A", "1", "2 Done", "1B", "1A", "1 Done", "Done" },
        new[] { "1", "1A", "1B", "1 Done", "2", "2A", "2B", "2 Done", "Done" },
        new[] { "2", "1", "1B", "2A", "1A", "2B", "1 Done", "2 Done", "Done" },
    };
}
