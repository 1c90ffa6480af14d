using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Tests.Support;

namespace WorkflowHost.Engine.Tests.Runtime;

/// <summary>Compensation: boundary + handler, throw and end events with and without activityRef, reverse order, subprocesses.</summary>
public sealed class CompensationTests
{
    /// <summary>"collect" (fee) and "reserve" (slot) each with a compensation handler; then a user task "decide"; then the given tail.</summary>
    private static string TwoCompensable(string tail, string collectExtra = "") => Bpmn.Process($"""
        <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="collect"/>
        <scriptTask id="collect" scriptFormat="javascript"><script>fee = 50000; log = log.concat(['collect']); {collectExtra}</script></scriptTask>
        <boundaryEvent id="collectComp" attachedToRef="collect"><compensateEventDefinition/></boundaryEvent>
        <scriptTask id="refund" isForCompensation="true" scriptFormat="javascript"><script>refunded = refunded + fee; log = log.concat(['refund'])</script></scriptTask>
        <association id="a1" sourceRef="collectComp" targetRef="refund"/>
        <sequenceFlow id="f2" sourceRef="collect" targetRef="reserve"/>
        <scriptTask id="reserve" scriptFormat="javascript"><script>log = log.concat(['reserve'])</script></scriptTask>
        <boundaryEvent id="reserveComp" attachedToRef="reserve"><compensateEventDefinition/></boundaryEvent>
        <scriptTask id="release" isForCompensation="true" scriptFormat="javascript"><script>log = log.concat(['release'])</script></scriptTask>
        <association id="a2" sourceRef="reserveComp" targetRef="release"/>
        <sequenceFlow id="f3" sourceRef="reserve" targetRef="decide"/><userTask id="decide"/>
        <sequenceFlow id="f4" sourceRef="decide" targetRef="undo"/>
        {tail}
        """);

    private static List<string> Log(EngineHarness h) => h.Variables["log"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();

    [Fact]
    public void EndEventWithoutActivityRef_CompensatesEveryCompletedActivity_NewestFirst()
    {
        var h = EngineHarness.Load(TwoCompensable("""<endEvent id="undo"><compensateEventDefinition/></endEvent>""")).Start(("log", Array.Empty<string>()), ("refunded", 0));
        Assert.Equal(["collect", "reserve"], Log(h));
        h.CompleteTask("decide");
        Assert.True(h.IsCompleted);
        Assert.Equal(["collect", "reserve", "release", "refund"], Log(h));
        Assert.Equal(50000, h.Variables["refunded"]!.GetValue<int>());
    }

    [Fact]
    public void ThrowWithActivityRef_CompensatesOnlyThatActivity_OnceAndThenGoesOn()
    {
        var h = EngineHarness.Load(TwoCompensable("""
            <intermediateThrowEvent id="undo"><compensateEventDefinition activityRef="collect"/></intermediateThrowEvent>
            <sequenceFlow id="f5" sourceRef="undo" targetRef="again"/>
            <intermediateThrowEvent id="again"><compensateEventDefinition activityRef="collect"/></intermediateThrowEvent>
            <sequenceFlow id="f6" sourceRef="again" targetRef="notify"/><userTask id="notify"/>
            <sequenceFlow id="f7" sourceRef="notify" targetRef="end"/><endEvent id="end"/>
            """)).Start(("log", Array.Empty<string>()), ("refunded", 0));
        h.CompleteTask("decide");
        Assert.Equal(["notify"], h.ReadyTasks);
        Assert.Equal(["collect", "reserve", "refund"], Log(h));
        Assert.Equal(50000, h.Variables["refunded"]!.GetValue<int>()); // the second throw finds nothing left to compensate
    }

    [Fact]
    public void ThrowWaitsForAHandlerThatIsAUserTask()
    {
        var h = EngineHarness.Load(Bpmn.Process("""
            <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="collect"/>
            <task id="collect"/>
            <boundaryEvent id="comp" attachedToRef="collect"><compensateEventDefinition/></boundaryEvent>
            <userTask id="refund" isForCompensation="true"/>
            <association id="a1" sourceRef="comp" targetRef="refund"/>
            <sequenceFlow id="f2" sourceRef="collect" targetRef="undo"/>
            <intermediateThrowEvent id="undo"><compensateEventDefinition/></intermediateThrowEvent>
            <sequenceFlow id="f3" sourceRef="undo" targetRef="end"/><endEvent id="end"/>
            """)).Start();
        Assert.Equal(["refund"], h.ReadyTasks);
        Assert.Equal(InstanceStatus.Active, h.Status);
        h.CompleteTask("refund");
        Assert.True(h.IsCompleted);
        Assert.Single(h.Completed("end"));
    }

    [Fact]
    public void CompensatingASubprocess_CompensatesWhatRanInsideIt()
    {
        var h = EngineHarness.Load(Bpmn.Process("""
            <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="payment"/>
            <subProcess id="payment">
              <startEvent id="s"/><sequenceFlow id="p1" sourceRef="s" targetRef="collect"/>
              <scriptTask id="collect" scriptFormat="javascript"><script>paid = true</script></scriptTask>
              <boundaryEvent id="comp" attachedToRef="collect"><compensateEventDefinition/></boundaryEvent>
              <scriptTask id="refund" isForCompensation="true" scriptFormat="javascript"><script>paid = false; refunds = refunds + 1</script></scriptTask>
              <association id="a1" sourceRef="comp" targetRef="refund"/>
              <sequenceFlow id="p2" sourceRef="collect" targetRef="e"/><endEvent id="e"/>
            </subProcess>
            <sequenceFlow id="f2" sourceRef="payment" targetRef="refuse"/>
            <endEvent id="refuse"><compensateEventDefinition activityRef="payment"/></endEvent>
            """)).Start(("refunds", 0));
        Assert.True(h.IsCompleted);
        Assert.False(h.Variables["paid"]!.GetValue<bool>());
        Assert.Equal(1, h.Variables["refunds"]!.GetValue<int>());
    }

    [Fact]
    public void ThrowInsideSubprocess_CompensatesItsOwnScope()
    {
        var h = EngineHarness.Load(Bpmn.Process("""
            <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="outer"/>
            <task id="outer"/>
            <boundaryEvent id="outerComp" attachedToRef="outer"><compensateEventDefinition/></boundaryEvent>
            <scriptTask id="undoOuter" isForCompensation="true" scriptFormat="javascript"><script>outerUndone = true</script></scriptTask>
            <association id="a0" sourceRef="outerComp" targetRef="undoOuter"/>
            <sequenceFlow id="f2" sourceRef="outer" targetRef="sub"/>
            <subProcess id="sub">
              <startEvent id="s"/><sequenceFlow id="p1" sourceRef="s" targetRef="inner"/><task id="inner"/>
              <boundaryEvent id="innerComp" attachedToRef="inner"><compensateEventDefinition/></boundaryEvent>
              <scriptTask id="undoInner" isForCompensation="true" scriptFormat="javascript"><script>innerUndone = true</script></scriptTask>
              <association id="a1" sourceRef="innerComp" targetRef="undoInner"/>
              <sequenceFlow id="p2" sourceRef="inner" targetRef="undo"/>
              <intermediateThrowEvent id="undo"><compensateEventDefinition/></intermediateThrowEvent>
              <sequenceFlow id="p3" sourceRef="undo" targetRef="e"/><endEvent id="e"/>
            </subProcess>
            <sequenceFlow id="f3" sourceRef="sub" targetRef="end"/><endEvent id="end"/>
            """)).Start();
        Assert.True(h.IsCompleted);
        Assert.True(h.Variables["innerUndone"]!.GetValue<bool>());
        Assert.False(h.Variables.ContainsKey("outerUndone"));
    }

    [Fact]
    public void NothingToCompensate_ThrowJustPasses()
    {
        var h = EngineHarness.Load(Bpmn.Chain("""<intermediateThrowEvent id="undo"><compensateEventDefinition/></intermediateThrowEvent>""")).Start();
        Assert.True(h.IsCompleted);
    }

    [Fact]
    public void CompensationBoundaryWithoutHandler_IsRefusedNamingIt()
    {
        var result = new BpmnEngine().Load(Bpmn.Process("""
            <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="collect"/><task id="collect"/>
            <boundaryEvent id="comp" attachedToRef="collect"><compensateEventDefinition/></boundaryEvent>
            <sequenceFlow id="f2" sourceRef="collect" targetRef="end"/><endEvent id="end"/>
            """));
        Assert.False(result.Succeeded);
        Assert.Contains(result.Report.Errors, e => e.ElementId == "comp" && e.Message.Contains("isForCompensation", StringComparison.Ordinal));
    }
}
