using System.Text.Json.Nodes;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Tests.Support;

namespace WorkflowHost.Engine.Tests.Runtime;

public sealed class ActivityTests
{
    [Fact]
    public void ServiceTask_RequestsJobWithTopic_AndContinuesWhenCompleted()
    {
        var h = EngineHarness.Load(Bpmn.Chain("""<serviceTask id="svc" camunda:type="external" camunda:topic="send-sms"/>""")).Start(("phone", "0905"));
        var job = Assert.Single(h.LastEffects.OfType<ServiceJobRequested>());
        Assert.Equal("send-sms", job.Topic);
        Assert.Equal("0905", job.Payload["phone"]!.GetValue<string>());
        h.CompleteJob("svc", ("sent", true));
        Assert.True(h.IsCompleted);
        Assert.True(h.Variables["sent"]!.GetValue<bool>());
        Assert.Single(h.LastEffects.OfType<InstanceCompleted>());
    }

    [Fact]
    public void ServiceTask_FailureBecomesIncident_AndRetryRequestsJobAgain()
    {
        var h = EngineHarness.Load(Bpmn.Chain("""<serviceTask id="svc" camunda:topic="lgsp"/>""")).Start();
        var job = h.Waits(WaitKind.ServiceJob).Single();
        h.Run(new FailServiceJob(job.Id, "connection refused"));
        var incident = Assert.Single(h.OpenIncidents);
        Assert.Contains("connection refused", incident.Message);
        Assert.Empty(h.Waits(WaitKind.ServiceJob));
        h.Run(new RetryIncident(incident.Id));
        Assert.Empty(h.OpenIncidents);
        Assert.Single(h.LastEffects.OfType<ServiceJobRequested>());
        h.CompleteJob("svc");
        Assert.True(h.IsCompleted);
    }

    [Fact]
    public void GatewayIncident_ResumesOnSuppliedVariable_WhenRetriedWithVariables()
    {
        var xml = Bpmn.Process("""
            <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="decide"/>
            <exclusiveGateway id="decide"/>
            <sequenceFlow id="toAccept" sourceRef="decide" targetRef="accepted"><conditionExpression>${verificationNeeded == false}</conditionExpression></sequenceFlow>
            <sequenceFlow id="toVerify" sourceRef="decide" targetRef="verify"><conditionExpression>${verificationNeeded == true}</conditionExpression></sequenceFlow>
            <endEvent id="accepted"/><endEvent id="verify"/>
            """);
        var h = EngineHarness.Load(xml).Start();
        var incident = Assert.Single(h.OpenIncidents);
        Assert.Contains("verificationNeeded", incident.Message);

        h.Run(new RetryIncident(incident.Id, new Dictionary<string, JsonNode?> { ["verificationNeeded"] = JsonValue.Create(true) }));

        Assert.Empty(h.OpenIncidents);
        Assert.True(h.IsCompleted);
        Assert.True(h.Variables["verificationNeeded"]!.GetValue<bool>());
        Assert.Single(h.Completed("verify"));
        Assert.Empty(h.Completed("accepted"));
    }

    [Fact]
    public void RetryIncident_RefusedAndIncidentStaysOpen_WhenVariableNameInvalid()
    {
        var h = EngineHarness.Load(Bpmn.Chain("""<serviceTask id="svc" camunda:topic="lgsp"/>""")).Start();
        h.Run(new FailServiceJob(h.Waits(WaitKind.ServiceJob).Single().Id, "timeout"));
        var incident = Assert.Single(h.OpenIncidents);

        var refused = Assert.Throws<EngineCommandException>(() => h.Run(new RetryIncident(incident.Id, new Dictionary<string, JsonNode?> { [""] = JsonValue.Create(1) })));

        Assert.Equal(CommandRefusal.InvalidInput, refused.Refusal);
        Assert.Single(h.OpenIncidents);
    }

    [Fact]
    public void ServiceTask_BpmnErrorCaughtByBoundary_WhenCodeMatches()
    {
        var xml = Bpmn.Process("""
            <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="svc"/>
            <serviceTask id="svc" camunda:topic="check"/><sequenceFlow id="f2" sourceRef="svc" targetRef="end"/>
            <endEvent id="end"/>
            <boundaryEvent id="onError" attachedToRef="svc"><errorEventDefinition errorRef="e1"/></boundaryEvent>
            <sequenceFlow id="f3" sourceRef="onError" targetRef="refuse"/>
            <userTask id="refuse" name="Issue refusal slip"/><sequenceFlow id="f4" sourceRef="refuse" targetRef="end2"/>
            <endEvent id="end2"/>
            """, extraRoot: """<error id="e1" errorCode="NOT_ELIGIBLE"/>""");
        var h = EngineHarness.Load(xml).Start();
        h.Run(new FailServiceJob(h.Waits(WaitKind.ServiceJob).Single().Id, "not eligible", "NOT_ELIGIBLE"));
        Assert.Equal(["Issue refusal slip"], h.ReadyTasks);
        Assert.Empty(h.OpenIncidents);
    }

    [Fact]
    public void ScriptTask_WritesResultVariable_AndExecutionSetVariable()
    {
        var h = EngineHarness.Load(Bpmn.Chain("""
            <scriptTask id="s" scriptFormat="javascript" camunda:resultVariable="total"><script>execution.setVariable('fee', 50000); execution.getVariable('fee') * 2</script></scriptTask>
            """)).Start();
        Assert.True(h.IsCompleted);
        Assert.Equal(50000, h.Variables["fee"]!.GetValue<long>());
        Assert.Equal(100000, h.Variables["total"]!.GetValue<long>());
    }

    [Fact]
    public void ScriptTask_RunawayScript_BecomesIncidentWithinLimit()
    {
        var options = new EngineOptions { ExpressionLimits = new WorkflowHost.Engine.Expressions.ExpressionLimits(TimeSpan.FromMilliseconds(100), 100_000_000, 16_000_000, 64) };
        var h = EngineHarness.Load(Bpmn.Chain("""<scriptTask id="s"><script>while(true){}</script></scriptTask>"""), options);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        h.Start();
        watch.Stop();
        var incident = Assert.Single(h.OpenIncidents);
        Assert.Equal("s", incident.ElementId);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Equal(InstanceStatus.Active, h.Status);
    }

    [Fact]
    public void UserTask_CarriesAssignmentFormAndDueDate()
    {
        var h = EngineHarness.Load(Bpmn.Chain("""
            <userTask id="appraise" name="Appraise dossier" camunda:candidateGroups="land-office, reception" camunda:assignee="${officer}"
                      camunda:formKey="forms/appraisal" camunda:dueDate="P3D">
              <extensionElements><camunda:properties><camunda:property name="step" value="appraisal"/></camunda:properties></extensionElements>
            </userTask>
            """)).Start(("officer", "lan.nguyen"));
        var task = Assert.Single(h.LastEffects.OfType<TaskCreated>());
        Assert.Equal(["land-office", "reception"], task.CandidateGroups);
        Assert.Equal("lan.nguyen", task.Assignee);
        Assert.Equal("forms/appraisal", task.FormKey);
        Assert.Equal(h.Now.AddDays(3), task.DueAt);
        Assert.Equal("appraisal", task.Properties["step"]);
    }

    [Fact]
    public void InputOutputMappings_KeepLocalsLocal_AndCopyOutputs()
    {
        var h = EngineHarness.Load(Bpmn.Chain("""
            <userTask id="t">
              <extensionElements><camunda:inputOutput>
                <camunda:inputParameter name="limit">${days * 2}</camunda:inputParameter>
                <camunda:inputParameter name="unit">ward</camunda:inputParameter>
                <camunda:outputParameter name="decision">${verdict + '@' + unit + ':' + limit}</camunda:outputParameter>
              </camunda:inputOutput></extensionElements>
            </userTask>
            """)).Start(("days", 5));
        h.CompleteTask("t", ("verdict", "approved"));
        Assert.True(h.IsCompleted);
        Assert.Equal("approved@ward:10", h.Variables["decision"]!.GetValue<string>());
        Assert.False(h.Variables.ContainsKey("limit"));
        Assert.False(h.Variables.ContainsKey("verdict"));
    }

    [Fact]
    public void Command_StopsWithIncidentOnceItsExpressionsUseUpTheTimeBudget_WhenALoopNeverEnds()
    {
        // Each run of the script stays well inside the per-evaluation limit; only the command's total can stop the loop
        // before MaxStepsPerCommand (10,000 runs of a few ms each: far longer than the budget).
        var options = new EngineOptions { CommandTimeBudget = TimeSpan.FromMilliseconds(300) };
        var h = EngineHarness.Load(Bpmn.Chain("""
            <scriptTask id="busy" scriptFormat="javascript"><standardLoopCharacteristics><loopCondition>${true}</loopCondition></standardLoopCharacteristics><script>var s = 0; for (var i = 0; i &lt; 2000; i++) s += i; s</script></scriptTask>
            """), options);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        h.Start();
        watch.Stop();

        var incident = Assert.Single(h.OpenIncidents);
        Assert.True(incident.Message.Contains("time budget of 300 ms", StringComparison.Ordinal), incident.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"the command ran {watch.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public void MultiInstance_StopsWithIncidentAndStartsNothing_WhenCardinalityIsAbsurd()
    {
        var h = EngineHarness.Load(Bpmn.Chain("""
            <userTask id="ask" name="Ask"><multiInstanceLoopCharacteristics><loopCardinality>${n}</loopCardinality></multiInstanceLoopCharacteristics></userTask>
            """)).Start(("n", 5_000_000));

        var incident = Assert.Single(h.OpenIncidents);
        Assert.True(incident.Message.Contains("at most 1,000", StringComparison.Ordinal), incident.Message);
        Assert.Empty(h.Effects.OfType<TaskCreated>());
        Assert.DoesNotContain(h.State!.Scopes, s => s.Kind == ScopeKind.MultiInstanceItem);
    }

    private static readonly EngineOptions SmallVariablesCap = new() { MaxVariablesBytes = 10_000 };

    [Fact]
    public void Complete_IsRefusedNamingVariablesAndChangesNothing_WhenItsVariablesWouldPassTheCap()
    {
        var h = EngineHarness.Load(Bpmn.Chain("""
            <userTask id="note" name="Note"/>
            """), SmallVariablesCap).Start(("first", new string('a', 6_000)));
        var before = InstanceStateSerializer.Serialize(h.State!);

        var refused = Assert.Throws<EngineCommandException>(() => h.CompleteTask("Note", ("second", new string('b', 6_000))));

        Assert.Equal((CommandRefusal.InvalidInput, "variables"), (refused.Refusal, refused.Field));
        Assert.Contains("10,000", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, InstanceStateSerializer.Serialize(h.State!));
        h.CompleteTask("Note", ("first", "short now"), ("second", new string('b', 6_000)));
        Assert.True(h.IsCompleted);
    }

    [Fact]
    public void Start_IsRefusedNamingVariables_WhenItsVariablesAlonePassTheCap()
    {
        var h = EngineHarness.Load(Bpmn.Chain("""<userTask id="note" name="Note"/>"""), SmallVariablesCap);

        var refused = Assert.Throws<EngineCommandException>(() => h.Start(("huge", new string('h', 20_000))));

        Assert.Equal("variables", refused.Field);
    }

    [Fact]
    public void Script_StopsWithIncident_WhenItWouldGrowTheVariablesPastTheCap()
    {
        var h = EngineHarness.Load(Bpmn.Chain("""
            <scriptTask id="hoard" scriptFormat="javascript"><script>hoard = 'x'.repeat(20000)</script></scriptTask>
            """, """
            <userTask id="look" name="Look"/>
            """), SmallVariablesCap).Start();

        var incident = Assert.Single(h.OpenIncidents);
        Assert.Contains("MaxVariablesBytes", incident.Message, StringComparison.Ordinal);
        Assert.False(h.Variables.ContainsKey("hoard"));
        Assert.Empty(h.ReadyTasks);
    }

    [Fact]
    public void State_RoundTrips_WhenAScriptStoresTheDeepestValueExpressionsAllow()
    {
        var h = EngineHarness.Load(Bpmn.Chain("""
            <scriptTask id="build" scriptFormat="javascript"><script>var v = 1; for (var i = 0; i &lt; 62; i++) v = { a: v }; execution.setVariable('deep', v);</script></scriptTask>
            """, """
            <userTask id="look" name="Look"/>
            """)).Start();

        Assert.Empty(h.OpenIncidents);
        var json = InstanceStateSerializer.Serialize(h.State!);
        var back = InstanceStateSerializer.Deserialize(json);
        Assert.Equal(json, InstanceStateSerializer.Serialize(back));
    }

    [Fact]
    public void StandardLoop_RepeatsWhileConditionHolds()
    {
        var h = EngineHarness.Load(Bpmn.Chain("""
            <userTask id="fix" name="Supplement dossier"><standardLoopCharacteristics><loopCondition>${!complete}</loopCondition></standardLoopCharacteristics></userTask>
            """)).Start();
        h.CompleteTask("fix", ("complete", false));
        h.CompleteTask("fix", ("complete", false));
        Assert.True(h.IsReady("fix"));
        h.CompleteTask("fix", ("complete", true));
        Assert.True(h.IsCompleted);
        Assert.Equal(3, h.Effects.OfType<TaskCreated>().Count());
    }

    [Fact]
    public void MultiInstanceParallel_AsksEveryDepartment_AndCollectsOpinions()
    {
        var h = EngineHarness.Load(Bpmn.Chain("""
            <userTask id="opinion" name="Give opinion" camunda:candidateGroups="${department}">
              <multiInstanceLoopCharacteristics camunda:collection="${departments}" camunda:elementVariable="department"
                 wh:outputCollection="opinions" wh:outputElement="${department + ':' + verdict}"/>
            </userTask>
            """)).Start(("departments", new[] { "police", "land", "tax" }));
        var tasks = h.LastEffects.OfType<TaskCreated>().ToList();
        Assert.Equal(["police", "land", "tax"], tasks.Select(t => t.CandidateGroups.Single()));
        h.Run(new CompleteUserTask(tasks[2].TaskId, EngineHarness.Vars(("verdict", "no"))));
        h.Run(new CompleteUserTask(tasks[0].TaskId, EngineHarness.Vars(("verdict", "yes"))));
        Assert.False(h.IsCompleted);
        h.Run(new CompleteUserTask(tasks[1].TaskId, EngineHarness.Vars(("verdict", "yes"))));
        Assert.True(h.IsCompleted);
        Assert.Equal("""["police:yes","land:yes","tax:no"]""", h.Variables["opinions"]!.ToJsonString());
        Assert.False(h.Variables.ContainsKey("verdict"));
    }

    [Fact]
    public void MultiInstanceSequential_RunsOneAtATime_AndStopsOnCompletionCondition()
    {
        var h = EngineHarness.Load(Bpmn.Chain("""
            <userTask id="sign" name="Sign">
              <multiInstanceLoopCharacteristics isSequential="true">
                <loopCardinality>3</loopCardinality>
                <completionCondition>${rejected || nrOfCompletedInstances >= 2}</completionCondition>
              </multiInstanceLoopCharacteristics>
            </userTask>
            """)).Start(("rejected", false));
        Assert.Single(h.ReadyTasks);
        h.CompleteTask("sign");
        Assert.Single(h.ReadyTasks);
        h.CompleteTask("sign");
        Assert.True(h.IsCompleted);
        Assert.Equal(2, h.Effects.OfType<TaskCreated>().Count());
    }

    [Fact]
    public void MultiInstance_WithEmptyCollection_PassesStraightThrough()
    {
        var h = EngineHarness.Load(Bpmn.Chain("""
            <userTask id="t"><multiInstanceLoopCharacteristics camunda:collection="items" camunda:elementVariable="item"/></userTask>
            """)).Start(("items", Array.Empty<string>()));
        Assert.True(h.IsCompleted);
    }

    [Fact]
    public void InterruptingTimerBoundary_CancelsTaskAndEscalates()
    {
        var h = EngineHarness.Load(Bpmn.Process("""
            <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="t"/>
            <userTask id="t" name="Appraise"/><sequenceFlow id="f2" sourceRef="t" targetRef="end"/><endEvent id="end"/>
            <boundaryEvent id="late" attachedToRef="t"><timerEventDefinition><timeDuration>P2D</timeDuration></timerEventDefinition></boundaryEvent>
            <sequenceFlow id="f3" sourceRef="late" targetRef="esc"/><userTask id="esc" name="Escalate to leader"/>
            <sequenceFlow id="f4" sourceRef="esc" targetRef="end"/>
            """)).Start();
        var timer = Assert.Single(h.LastEffects.OfType<TimerScheduled>());
        Assert.Equal(h.Now.AddDays(2), timer.DueAt);
        h.FireTimer("late");
        Assert.Equal(["Escalate to leader"], h.ReadyTasks);
        Assert.Single(h.LastEffects.OfType<TaskCancelled>());
        h.Run(new FireTimer(timer.TimerId));
        Assert.Empty(h.LastEffects);
    }

    [Fact]
    public void CompletingTask_CancelsItsBoundaryTimer()
    {
        var h = EngineHarness.Load(Bpmn.Process("""
            <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="t"/>
            <userTask id="t"/><sequenceFlow id="f2" sourceRef="t" targetRef="end"/><endEvent id="end"/>
            <boundaryEvent id="remind" attachedToRef="t" cancelActivity="false"><timerEventDefinition><timeCycle>R2/PT1H</timeCycle></timerEventDefinition></boundaryEvent>
            <sequenceFlow id="f3" sourceRef="remind" targetRef="note"/><sendTask id="note" name="reminder"/>
            """)).Start();
        h.FireTimer("remind");
        Assert.Single(h.LastEffects.OfType<TimerScheduled>());
        Assert.Single(h.LastEffects.OfType<MessageSent>());
        h.CompleteTask("t");
        Assert.Single(h.LastEffects.OfType<TimerCancelled>());
        Assert.True(h.IsCompleted);
    }

    [Fact]
    public void Cancel_WithdrawsEverything_AndTerminates()
    {
        var h = EngineHarness.Load(Bpmn.Chain("""<userTask id="t"/>""")).Start();
        h.Run(new CancelInstance("withdrawn by applicant"));
        Assert.Equal(InstanceStatus.Terminated, h.Status);
        Assert.Single(h.LastEffects.OfType<TaskCancelled>());
        Assert.Empty(h.State!.Tokens);
        var ex = Assert.Throws<EngineCommandException>(() => h.Run(new CancelInstance()));
        Assert.Equal(CommandRefusal.InvalidState, ex.Refusal);
    }

    [Fact]
    public void CompleteTask_UnknownId_IsRefusedAndStateUnchanged()
    {
        var h = EngineHarness.Load(Bpmn.Chain("""<userTask id="t"/>""")).Start();
        var before = InstanceStateSerializer.Serialize(h.State!);
        var ex = Assert.Throws<EngineCommandException>(() => h.Engine.Execute(h.Definition, h.State, new CompleteUserTask(999), h.Now));
        Assert.Equal(CommandRefusal.NotFound, ex.Refusal);
        Assert.Equal(before, InstanceStateSerializer.Serialize(h.State!));
    }

    [Fact]
    public void TerminateEndEvent_EndsInstance_CancellingParallelTask()
    {
        var h = EngineHarness.Load(Bpmn.Process("""
            <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="fork"/>
            <parallelGateway id="fork"/><sequenceFlow id="f2" sourceRef="fork" targetRef="a"/><sequenceFlow id="f3" sourceRef="fork" targetRef="stop"/>
            <userTask id="a"/><sequenceFlow id="f4" sourceRef="a" targetRef="end"/><endEvent id="end"/>
            <endEvent id="stop"><terminateEventDefinition/></endEvent>
            """)).Start();
        Assert.Equal(InstanceStatus.Terminated, h.Status);
        Assert.Single(h.Effects.OfType<TaskCancelled>());
    }

    [Fact]
    public void Migrate_MovesWaitingTokenToRenamedTask()
    {
        var v1 = Bpmn.Chain("""<userTask id="check" name="Check"/>""");
        var v2 = Bpmn.Chain("""<userTask id="verify" name="Verify"/>""");
        var h = EngineHarness.Load(v1).Start();
        var target = new BpmnEngine().Load(v2).Definition!;
        var result = h.Engine.Execute(target, h.State, new MigrateInstance(new Dictionary<string, string> { ["check"] = "verify" }), h.Now);
        Assert.Equal("verify", result.State.Tokens.Single().ElementId);
        var task = result.State.Waits.Single();
        var done = h.Engine.Execute(target, result.State, new CompleteUserTask(task.Id), h.Now);
        Assert.Equal(InstanceStatus.Completed, done.State.Status);
    }

    [Fact]
    public void Migrate_Refuses_WhenActiveElementHasNoCounterpart()
    {
        var h = EngineHarness.Load(Bpmn.Chain("""<userTask id="check"/>""")).Start();
        var target = new BpmnEngine().Load(Bpmn.Chain("""<userTask id="other"/>""")).Definition!;
        var ex = Assert.Throws<MigrationException>(() => h.Engine.Execute(target, h.State, new MigrateInstance(new Dictionary<string, string>()), h.Now));
        Assert.Contains("check", ex.Message);
    }

    [Fact]
    public void ConditionalCatchEvent_WaitsUntilConditionTrue()
    {
        var h = EngineHarness.Load(Bpmn.Process("""
            <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="fork"/>
            <parallelGateway id="fork"/><sequenceFlow id="f2" sourceRef="fork" targetRef="pay"/><sequenceFlow id="f3" sourceRef="fork" targetRef="paid"/>
            <userTask id="pay" name="Record payment"/><sequenceFlow id="f4" sourceRef="pay" targetRef="e1"/><endEvent id="e1"/>
            <intermediateCatchEvent id="paid"><conditionalEventDefinition><condition>${feePaid == true}</condition></conditionalEventDefinition></intermediateCatchEvent>
            <sequenceFlow id="f5" sourceRef="paid" targetRef="issue"/><userTask id="issue" name="Issue result"/>
            <sequenceFlow id="f6" sourceRef="issue" targetRef="e2"/><endEvent id="e2"/>
            """)).Start(("feePaid", false));
        Assert.Equal(["Record payment"], h.ReadyTasks);
        h.CompleteTask("Record payment", ("feePaid", true));
        Assert.Equal(["Issue result"], h.ReadyTasks);
    }

    [Fact]
    public void InclusiveJoin_FiresOnce_WhenBothBranchesArriveInTheSameStep()
    {
        var h = EngineHarness.Load(Bpmn.Process("""
            <startEvent id="s"/><sequenceFlow id="f0" sourceRef="s" targetRef="split"/>
            <inclusiveGateway id="split" default="fd"/>
            <sequenceFlow id="fa" sourceRef="split" targetRef="a"><conditionExpression>${true}</conditionExpression></sequenceFlow>
            <sequenceFlow id="fb" sourceRef="split" targetRef="b"><conditionExpression>${true}</conditionExpression></sequenceFlow>
            <sequenceFlow id="fd" sourceRef="split" targetRef="join"/>
            <scriptTask id="a"><script>x = 1</script></scriptTask><scriptTask id="b"><script>y = 2</script></scriptTask>
            <sequenceFlow id="fa2" sourceRef="a" targetRef="join"/><sequenceFlow id="fb2" sourceRef="b" targetRef="join"/>
            <inclusiveGateway id="join"/><sequenceFlow id="f1" sourceRef="join" targetRef="t"/>
            <userTask id="t"/><sequenceFlow id="f2" sourceRef="t" targetRef="e"/><endEvent id="e"/>
            """)).Start();
        Assert.Single(h.Effects.OfType<TaskCreated>());
        Assert.Single(h.State!.Tokens);
        h.CompleteTask("t");
        Assert.True(h.IsCompleted);
    }

    [Fact]
    public void ScriptTask_SeesTheCommandsNow_NotTheSystemClock()
    {
        var h = EngineHarness.Load(Bpmn.Chain("""<scriptTask id="s"><script>stamp = new Date().toISOString(); ms = Date.now()</script></scriptTask>""")).Start();
        Assert.Equal(h.Now.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"), h.Variables["stamp"]!.GetValue<string>());
        Assert.Equal(h.Now.ToUnixTimeMilliseconds(), h.Variables["ms"]!.GetValue<long>());
    }
}
