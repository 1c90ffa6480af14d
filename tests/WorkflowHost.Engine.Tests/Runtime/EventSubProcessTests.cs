using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Tests.Support;

namespace WorkflowHost.Engine.Tests.Runtime;

/// <summary>
/// Event subprocesses at process level and inside embedded subprocesses: what happens to the enclosing scope's
/// tokens, open tasks and timers when one starts, interrupting or not. Every command goes through the harness'
/// JSON round trip of the state.
/// </summary>
public sealed class EventSubProcessTests
{
    /// <summary>Two parallel tasks and a 5-day reminder timer, plus the given event subprocess(es) at process level.</summary>
    private static string Dossier(string eventSubProcesses, string extraRoot = "") => Bpmn.Process($"""
        <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="fork"/>
        <parallelGateway id="fork"/>
        <sequenceFlow id="f2" sourceRef="fork" targetRef="appraise"/><sequenceFlow id="f3" sourceRef="fork" targetRef="verify"/>
        <userTask id="appraise"/><boundaryEvent id="remind" attachedToRef="appraise" cancelActivity="false"><timerEventDefinition><timeDuration>P5D</timeDuration></timerEventDefinition></boundaryEvent>
        <sequenceFlow id="f4" sourceRef="remind" targetRef="reminded"/><endEvent id="reminded"/>
        <userTask id="verify"/>
        <sequenceFlow id="f5" sourceRef="appraise" targetRef="join"/><sequenceFlow id="f6" sourceRef="verify" targetRef="join"/>
        <parallelGateway id="join"/><sequenceFlow id="f7" sourceRef="join" targetRef="end"/><endEvent id="end"/>
        {eventSubProcesses}
        """, extraRoot: extraRoot);

    private static string OnMessage(string interrupting) => $"""
        <subProcess id="withdrawal" triggeredByEvent="true">
          <startEvent id="withdrawn" isInterrupting="{interrupting}"><messageEventDefinition messageRef="m"/></startEvent>
          <sequenceFlow id="w1" sourceRef="withdrawn" targetRef="archive"/><userTask id="archive"/>
          <sequenceFlow id="w2" sourceRef="archive" targetRef="wEnd"/><endEvent id="wEnd"/>
        </subProcess>
        """;

    private const string WithdrawMessage = """<message id="m" name="withdraw"/>""";

    [Fact]
    public void InterruptingMessage_EndsEveryOpenTaskAndTimer_ThenCompletesTheProcess()
    {
        var h = EngineHarness.Load(Dossier(OnMessage("true"), WithdrawMessage)).Start();
        Assert.Equal(["appraise", "verify"], h.ReadyTasks);
        Assert.Single(h.Waits(WaitKind.Message));

        Assert.Equal(1, h.Message("withdraw", ("reason", "citizen")));

        Assert.Equal(["archive"], h.ReadyTasks);
        Assert.Equal(2, h.LastEffects.OfType<TaskCancelled>().Count());
        Assert.Single(h.LastEffects.OfType<TimerCancelled>());
        Assert.Empty(h.Waits(WaitKind.Timer));
        Assert.Empty(h.Waits(WaitKind.Message));
        Assert.Equal("citizen", h.Variables["reason"]!.GetValue<string>());
        Assert.Contains(h.LastEffects.OfType<ElementEnded>(), e => e.ElementId == "appraise" && e.Reason == TokenEndReason.Interrupted);

        h.CompleteTask("archive");
        Assert.True(h.IsCompleted);
        Assert.Empty(h.Completed("end"));
        Assert.Single(h.Completed("withdrawal"));
    }

    [Fact]
    public void NonInterruptingMessage_RunsBesideTheWork_AndKeepsListening()
    {
        var h = EngineHarness.Load(Dossier(OnMessage("false"), WithdrawMessage)).Start();
        h.Message("withdraw");
        h.Message("withdraw");
        Assert.Equal(["appraise", "archive", "archive", "verify"], h.ReadyTasks);
        Assert.Empty(h.Effects.OfType<TaskCancelled>());

        h.CompleteTask("appraise");
        h.CompleteTask("verify");
        Assert.Equal(InstanceStatus.Active, h.Status); // the running event subprocesses keep the process alive
        h.CompleteTask("archive");
        h.CompleteTask("archive");
        Assert.True(h.IsCompleted);
        Assert.Single(h.Completed("end"));
        // The process' listener is withdrawn when it completes.
        Assert.Single(h.LastEffects.OfType<MessageSubscriptionClosed>());
        Assert.Empty(h.State!.Waits);
    }

    [Fact]
    public void InterruptingTimerInsideSubprocess_EndsOnlyTheSubprocess_WhichThenLeavesNormally()
    {
        var h = EngineHarness.Load(Bpmn.Process("""
            <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="appraisal"/>
            <subProcess id="appraisal">
              <startEvent id="s"/><sequenceFlow id="a1" sourceRef="s" targetRef="appraise"/><userTask id="appraise"/>
              <sequenceFlow id="a2" sourceRef="appraise" targetRef="e"/><endEvent id="e"/>
              <subProcess id="late" triggeredByEvent="true">
                <startEvent id="overdue"><timerEventDefinition><timeDuration>PT2H</timeDuration></timerEventDefinition></startEvent>
                <sequenceFlow id="l1" sourceRef="overdue" targetRef="lEnd"/><endEvent id="lEnd"/>
              </subProcess>
            </subProcess>
            <sequenceFlow id="f2" sourceRef="appraisal" targetRef="sign"/><userTask id="sign"/>
            <sequenceFlow id="f3" sourceRef="sign" targetRef="end"/><endEvent id="end"/>
            """)).Start();
        var timer = Assert.Single(h.Waits(WaitKind.Timer));
        Assert.Equal(h.Now.AddHours(2), timer.DueAt);

        h.FireTimer("overdue");

        Assert.Equal(["sign"], h.ReadyTasks);
        Assert.Equal(1, h.CountEnded("appraise", cancelled: true));
        Assert.Single(h.Completed("appraisal"));
    }

    [Fact]
    public void TimerInsideSubprocess_IsWithdrawn_WhenTheSubprocessCompletesFirst()
    {
        var h = EngineHarness.Load(Bpmn.Process("""
            <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="appraisal"/>
            <subProcess id="appraisal">
              <startEvent id="s"/><sequenceFlow id="a1" sourceRef="s" targetRef="appraise"/><userTask id="appraise"/>
              <sequenceFlow id="a2" sourceRef="appraise" targetRef="e"/><endEvent id="e"/>
              <subProcess id="late" triggeredByEvent="true">
                <startEvent id="overdue"><timerEventDefinition><timeDuration>PT2H</timeDuration></timerEventDefinition></startEvent>
                <sequenceFlow id="l1" sourceRef="overdue" targetRef="lEnd"/><endEvent id="lEnd"/>
              </subProcess>
            </subProcess>
            <sequenceFlow id="f2" sourceRef="appraisal" targetRef="end"/><endEvent id="end"/>
            """)).Start();
        var timer = Assert.Single(h.Waits(WaitKind.Timer));
        h.CompleteTask("appraise");
        Assert.True(h.IsCompleted);
        Assert.Contains(h.LastEffects.OfType<TimerCancelled>(), t => t.TimerId == timer.Id);
        h.Run(new FireTimer(timer.Id)); // a late timer is a no-op
        Assert.Empty(h.Completed("late"));
    }

    [Fact]
    public void NonInterruptingTimerCycle_FiresEachRepetition_ThenStops()
    {
        var h = EngineHarness.Load(Dossier("""
            <subProcess id="reminders" triggeredByEvent="true">
              <startEvent id="tick" isInterrupting="false"><timerEventDefinition><timeCycle>R2/PT1H</timeCycle></timerEventDefinition></startEvent>
              <sequenceFlow id="r1" sourceRef="tick" targetRef="rEnd"/><endEvent id="rEnd"/>
            </subProcess>
            """)).Start();
        h.FireTimer("tick");
        h.FireTimer("tick");
        Assert.Equal(2, h.Completed("reminders").Count);
        Assert.DoesNotContain(h.Waits(WaitKind.Timer), w => w.ElementId == "tick");
        Assert.Equal(["appraise", "verify"], h.ReadyTasks);
    }

    [Fact]
    public void ErrorInsideSubprocess_IsCaughtByItsErrorEventSubprocess_BeforeTheBoundary()
    {
        var h = EngineHarness.Load(Bpmn.Process("""
            <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="appraisal"/>
            <subProcess id="appraisal">
              <startEvent id="s"/><sequenceFlow id="a1" sourceRef="s" targetRef="check"/><serviceTask id="check" camunda:topic="check-records"/>
              <sequenceFlow id="a2" sourceRef="check" targetRef="e"/><endEvent id="e"/>
              <subProcess id="onInvalid" triggeredByEvent="true">
                <startEvent id="invalid"><errorEventDefinition errorRef="err"/></startEvent>
                <sequenceFlow id="i1" sourceRef="invalid" targetRef="explain"/><userTask id="explain"/>
                <sequenceFlow id="i2" sourceRef="explain" targetRef="iEnd"/><endEvent id="iEnd"/>
              </subProcess>
            </subProcess>
            <boundaryEvent id="boundary" attachedToRef="appraisal"><errorEventDefinition errorRef="err"/></boundaryEvent>
            <sequenceFlow id="f9" sourceRef="boundary" targetRef="bEnd"/><endEvent id="bEnd"/>
            <sequenceFlow id="f2" sourceRef="appraisal" targetRef="end"/><endEvent id="end"/>
            """, extraRoot: """<error id="err" errorCode="INVALID"/>""")).Start();
        var job = Assert.Single(h.Waits(WaitKind.ServiceJob));
        h.Run(new FailServiceJob(job.Id, "records do not match", "INVALID"));
        Assert.Empty(h.OpenIncidents);
        Assert.Equal(["explain"], h.ReadyTasks);
        h.CompleteTask("explain");
        Assert.True(h.IsCompleted);
        Assert.Single(h.Completed("end"));
        Assert.Empty(h.Completed("boundary"));
    }

    [Fact]
    public void ErrorEndEvent_IsCaughtByProcessLevelErrorEventSubprocess()
    {
        var h = EngineHarness.Load(Bpmn.Process("""
            <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="fork"/><parallelGateway id="fork"/>
            <sequenceFlow id="f2" sourceRef="fork" targetRef="work"/><userTask id="work"/><sequenceFlow id="f3" sourceRef="work" targetRef="end"/><endEvent id="end"/>
            <sequenceFlow id="f4" sourceRef="fork" targetRef="fail"/><endEvent id="fail"><errorEventDefinition errorRef="err"/></endEvent>
            <subProcess id="handler" triggeredByEvent="true">
              <startEvent id="caught"><errorEventDefinition/></startEvent>
              <sequenceFlow id="h1" sourceRef="caught" targetRef="hEnd"/><endEvent id="hEnd"/>
            </subProcess>
            """, extraRoot: """<error id="err" errorCode="STOP"/>""")).Start();
        Assert.Empty(h.OpenIncidents);
        Assert.True(h.IsCompleted);
        Assert.Equal(1, h.CountEnded("work", cancelled: true));
        Assert.Single(h.Completed("handler"));
    }

    [Fact]
    public void NonInterruptingEscalationEventSubprocess_RunsBesideTheThrower()
    {
        var h = EngineHarness.Load(Bpmn.Process("""
            <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="raise"/>
            <intermediateThrowEvent id="raise"><escalationEventDefinition escalationRef="esc"/></intermediateThrowEvent>
            <sequenceFlow id="f2" sourceRef="raise" targetRef="work"/><userTask id="work"/><sequenceFlow id="f3" sourceRef="work" targetRef="end"/><endEvent id="end"/>
            <subProcess id="notify" triggeredByEvent="true">
              <startEvent id="heard" isInterrupting="false"><escalationEventDefinition escalationRef="esc"/></startEvent>
              <sequenceFlow id="n1" sourceRef="heard" targetRef="leader"/><userTask id="leader"/>
              <sequenceFlow id="n2" sourceRef="leader" targetRef="nEnd"/><endEvent id="nEnd"/>
            </subProcess>
            """, extraRoot: """<escalation id="esc" escalationCode="LATE"/>""")).Start();
        Assert.Equal(["leader", "work"], h.ReadyTasks);
        h.CompleteTask("work");
        h.CompleteTask("leader");
        Assert.True(h.IsCompleted);
    }

    [Fact]
    public void ConditionalNonInterrupting_FiresWhenTheConditionBecomesTrue_AndAgainOnlyAfterItWasFalse()
    {
        var h = EngineHarness.Load(Dossier("""
            <subProcess id="urgent" triggeredByEvent="true">
              <startEvent id="became" isInterrupting="false"><conditionalEventDefinition><condition>${priority == 'high'}</condition></conditionalEventDefinition></startEvent>
              <sequenceFlow id="u1" sourceRef="became" targetRef="uEnd"/><endEvent id="uEnd"/>
            </subProcess>
            """)).Start(("priority", "low"));
        Assert.Empty(h.Completed("urgent"));
        h.CompleteTask("verify", ("priority", "high"));
        Assert.Single(h.Completed("urgent"));
        h.Run(new CorrelateMessage("nothing-waits", EngineHarness.Vars(("note", 1)))); // still high: no second start
        Assert.Single(h.Completed("urgent"));
        h.CompleteTask("appraise", ("priority", "low"));
        Assert.True(h.IsCompleted);
    }

    [Fact]
    public void SignalEventSubprocess_StartsOnDeliveredSignal_AndOtherSignalsAreIgnored()
    {
        var h = EngineHarness.Load(Dossier("""
            <subProcess id="suspend" triggeredByEvent="true">
              <startEvent id="suspended"><signalEventDefinition signalRef="sig"/></startEvent>
              <sequenceFlow id="s1" sourceRef="suspended" targetRef="sEnd"/><endEvent id="sEnd"/>
            </subProcess>
            """, """<signal id="sig" name="procedure-suspended"/>""")).Start();
        var wait = Assert.Single(h.Waits(WaitKind.Signal));
        Assert.Contains(h.Effects.OfType<SignalSubscriptionOpened>(), s => s.SignalName == "procedure-suspended" && s.SubscriptionId == wait.Id);
        Assert.Equal(0, h.Run(new DeliverSignal("holiday")).MatchedWaits);
        Assert.Equal(InstanceStatus.Active, h.Status);
        Assert.Equal(1, h.Run(new DeliverSignal("procedure-suspended")).MatchedWaits);
        Assert.True(h.IsCompleted);
        Assert.Equal(2, h.LastEffects.OfType<TaskCancelled>().Count());
    }

    [Fact]
    public void CancellingTheInstance_WithdrawsTheEventSubprocessListeners()
    {
        var h = EngineHarness.Load(Dossier(OnMessage("true"), WithdrawMessage)).Start();
        var subscription = Assert.Single(h.Waits(WaitKind.Message));
        h.Run(new CancelInstance("test"));
        Assert.Contains(h.LastEffects.OfType<MessageSubscriptionClosed>(), m => m.SubscriptionId == subscription.Id);
        Assert.Empty(h.State!.Waits);
    }
}
