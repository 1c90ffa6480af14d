using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Tests.Support;

namespace WorkflowHost.Engine.Tests.Runtime;

/// <summary>Signals inside one instance: start, intermediate catch, boundary, event-based gateway, throw and end.</summary>
public sealed class SignalTests
{
    private const string Signals = """<signal id="holiday" name="holiday-announced"/><signal id="suspend" name="procedure-suspended"/>""";

    [Fact]
    public void IntermediateCatch_WaitsForItsSignal_AndTakesItsVariables()
    {
        var h = EngineHarness.Load(Bpmn.Process("""
            <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
            <intermediateCatchEvent id="wait"><signalEventDefinition signalRef="holiday"/></intermediateCatchEvent>
            <sequenceFlow id="f2" sourceRef="wait" targetRef="end"/><endEvent id="end"/>
            """, extraRoot: Signals)).Start();
        var opened = Assert.Single(h.LastEffects.OfType<SignalSubscriptionOpened>());
        Assert.Equal("holiday-announced", opened.SignalName);
        Assert.Equal(0, h.Run(new DeliverSignal("procedure-suspended")).MatchedWaits);
        Assert.Equal(1, h.Run(new DeliverSignal("holiday-announced", EngineHarness.Vars(("day", "2026-09-02")))).MatchedWaits);
        Assert.True(h.IsCompleted);
        Assert.Equal("2026-09-02", h.Variables["day"]!.GetValue<string>());
        Assert.Contains(h.LastEffects.OfType<SignalSubscriptionClosed>(), c => c.SubscriptionId == opened.SubscriptionId);
    }

    [Theory]
    [InlineData(true, 1, 0)]
    [InlineData(false, 0, 1)]
    public void Boundary_InterruptsOrNot_AsItsCancelActivitySays(bool interrupting, int cancelled, int stillOpen)
    {
        var h = EngineHarness.Load(Bpmn.Process($"""
            <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="appraise"/>
            <userTask id="appraise"/><sequenceFlow id="f2" sourceRef="appraise" targetRef="end"/><endEvent id="end"/>
            <boundaryEvent id="stop" attachedToRef="appraise" cancelActivity="{(interrupting ? "true" : "false")}"><signalEventDefinition signalRef="suspend"/></boundaryEvent>
            <sequenceFlow id="f3" sourceRef="stop" targetRef="suspended"/><endEvent id="suspended"/>
            """, extraRoot: Signals)).Start();
        h.Run(new DeliverSignal("procedure-suspended"));
        Assert.Single(h.Completed("suspended"));
        Assert.Equal(cancelled, h.CountEnded("appraise", cancelled: true));
        Assert.Equal(stillOpen, h.ReadyTasks.Count);
    }

    [Fact]
    public void EventBasedGateway_SignalWinsTheRace_AndTheTimerIsWithdrawn()
    {
        var h = EngineHarness.Load(Bpmn.Process("""
            <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="race"/>
            <eventBasedGateway id="race"/>
            <sequenceFlow id="f2" sourceRef="race" targetRef="sig"/><sequenceFlow id="f3" sourceRef="race" targetRef="later"/>
            <intermediateCatchEvent id="sig"><signalEventDefinition signalRef="holiday"/></intermediateCatchEvent>
            <intermediateCatchEvent id="later"><timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <sequenceFlow id="f4" sourceRef="sig" targetRef="e1"/><endEvent id="e1"/>
            <sequenceFlow id="f5" sourceRef="later" targetRef="e2"/><endEvent id="e2"/>
            """, extraRoot: Signals)).Start();
        h.Run(new DeliverSignal("holiday-announced"));
        Assert.True(h.IsCompleted);
        Assert.Single(h.Completed("e1"));
        Assert.Single(h.LastEffects.OfType<TimerCancelled>());
    }

    [Fact]
    public void SignalStart_IsListedForTheHost_AndStartsThere()
    {
        var h = EngineHarness.Load(Bpmn.Process("""
            <startEvent id="onSuspend"><signalEventDefinition signalRef="suspend"/></startEvent>
            <sequenceFlow id="f1" sourceRef="onSuspend" targetRef="notify"/><userTask id="notify"/>
            <sequenceFlow id="f2" sourceRef="notify" targetRef="end"/><endEvent id="end"/>
            """, extraRoot: Signals));
        Assert.Equal([("procedure-suspended", "onSuspend")], h.Definition.SignalStartEvents.ToList());
        h.Run(new StartInstance(StartEventId: "onSuspend"));
        Assert.Equal(["notify"], h.ReadyTasks);
    }

    [Fact]
    public void ThrowAndEnd_EmitTheSignalForTheHostToBroadcast()
    {
        var h = EngineHarness.Load(Bpmn.Process("""
            <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="announce"/>
            <intermediateThrowEvent id="announce"><signalEventDefinition signalRef="holiday"/></intermediateThrowEvent>
            <sequenceFlow id="f2" sourceRef="announce" targetRef="end"/><endEvent id="end"><signalEventDefinition signalRef="suspend"/></endEvent>
            """, extraRoot: Signals)).Start();
        Assert.True(h.IsCompleted);
        Assert.Equal(["holiday-announced", "procedure-suspended"], h.Effects.OfType<SignalThrown>().Select(s => s.SignalName).ToList());
    }

    [Fact]
    public void DeliverSignal_ToAnEndedInstance_IsRefused_AndChangesNothing()
    {
        var h = EngineHarness.Load(Bpmn.Chain()).Start();
        Assert.True(h.IsCompleted);
        var ex = Assert.Throws<EngineCommandException>(() => h.Run(new DeliverSignal("holiday-announced")));
        Assert.Equal(CommandRefusal.InvalidState, ex.Refusal);
    }
}
