using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Tests.Support;

namespace WorkflowHost.Engine.Tests.Runtime;

/// <summary>Escalation: throw and end events, boundary events (interrupting or not), uncaught is not an incident.</summary>
public sealed class EscalationTests
{
    private const string Escalations = """<escalation id="esc" name="Needs leader" escalationCode="LEADER"/><escalation id="other" escalationCode="OTHER"/>""";

    /// <summary>A subprocess "appraise" whose inner path throws escalation LEADER (end or intermediate), with a boundary on it.</summary>
    private static string Appraisal(string thrower, string boundary) => Bpmn.Process($"""
        <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="appraise"/>
        <subProcess id="appraise">
          <startEvent id="s1"/><sequenceFlow id="g1" sourceRef="s1" targetRef="fork"/>
          <parallelGateway id="fork"/>
          <sequenceFlow id="g2" sourceRef="fork" targetRef="check"/><sequenceFlow id="g3" sourceRef="fork" targetRef="throw"/>
          <userTask id="check"/><sequenceFlow id="g4" sourceRef="check" targetRef="e1"/><endEvent id="e1"/>
          {thrower}
        </subProcess>
        <sequenceFlow id="f2" sourceRef="appraise" targetRef="done"/><endEvent id="done"/>
        {boundary}
        <sequenceFlow id="f3" sourceRef="caught" targetRef="leader"/><userTask id="leader"/>
        <sequenceFlow id="f4" sourceRef="leader" targetRef="escalated"/><endEvent id="escalated"/>
        """, extraRoot: Escalations);

    private const string EndThrow = """<endEvent id="throw"><escalationEventDefinition escalationRef="esc"/></endEvent>""";

    private const string IntermediateThrow = """
        <intermediateThrowEvent id="throw"><escalationEventDefinition escalationRef="esc"/></intermediateThrowEvent>
        <sequenceFlow id="g5" sourceRef="throw" targetRef="after"/><userTask id="after"/><sequenceFlow id="g6" sourceRef="after" targetRef="e2"/><endEvent id="e2"/>
        """;

    [Fact]
    public void EscalationEnd_IsCaughtByInterruptingBoundary_AndCancelsTheSubprocess()
    {
        var h = EngineHarness.Load(Appraisal(EndThrow, """<boundaryEvent id="caught" attachedToRef="appraise"><escalationEventDefinition escalationRef="esc"/></boundaryEvent>""")).Start();
        Assert.Equal(["leader"], h.ReadyTasks);
        Assert.Equal(1, h.CountEnded("check", cancelled: true));
        Assert.Equal(1, h.CountEnded("appraise", cancelled: true));
        Assert.Single(h.Effects.OfType<TaskCancelled>());
        Assert.Contains(h.Effects.OfType<ElementEnded>(), e => e.ElementId == "check" && e.Reason == TokenEndReason.Interrupted);
        h.CompleteTask("leader");
        Assert.True(h.IsCompleted);
        Assert.Empty(h.Completed("done"));
    }

    [Fact]
    public void EscalationThrow_IsCaughtByNonInterruptingBoundary_AndBothPathsGoOn()
    {
        var h = EngineHarness.Load(Appraisal(IntermediateThrow, """<boundaryEvent id="caught" attachedToRef="appraise" cancelActivity="false"><escalationEventDefinition escalationRef="esc"/></boundaryEvent>""")).Start();
        Assert.Equal(["after", "check", "leader"], h.ReadyTasks);
        h.CompleteTask("leader");
        Assert.Equal(InstanceStatus.Active, h.Status);
        h.CompleteTask("check");
        h.CompleteTask("after");
        Assert.True(h.IsCompleted);
        Assert.Single(h.Completed("done"));
        Assert.Single(h.Completed("escalated"));
    }

    [Fact]
    public void UncaughtEscalation_IsNoIncident_AndTheThrowerContinues()
    {
        var h = EngineHarness.Load(Appraisal(IntermediateThrow, """<boundaryEvent id="caught" attachedToRef="appraise"><escalationEventDefinition escalationRef="other"/></boundaryEvent>""")).Start();
        Assert.Empty(h.OpenIncidents);
        Assert.Equal(["after", "check"], h.ReadyTasks);
        h.CompleteTask("check");
        h.CompleteTask("after");
        Assert.True(h.IsCompleted);
        Assert.Empty(h.Completed("leader"));
    }

    [Fact]
    public void UncaughtEscalationEnd_EndsOnlyItsPath()
    {
        var h = EngineHarness.Load(Appraisal(EndThrow, """<boundaryEvent id="caught" attachedToRef="appraise"><escalationEventDefinition escalationRef="other"/></boundaryEvent>""")).Start();
        Assert.Empty(h.OpenIncidents);
        Assert.Equal(["check"], h.ReadyTasks);
        h.CompleteTask("check");
        Assert.True(h.IsCompleted);
        Assert.Single(h.Completed("done"));
    }

    [Fact]
    public void BoundaryWithoutCode_CatchesEveryEscalation_ButNamedOneWins()
    {
        var h = EngineHarness.Load(Appraisal(EndThrow, """
            <boundaryEvent id="any" attachedToRef="appraise"><escalationEventDefinition/></boundaryEvent>
            <sequenceFlow id="fa" sourceRef="any" targetRef="anyEnd"/><endEvent id="anyEnd"/>
            <boundaryEvent id="caught" attachedToRef="appraise"><escalationEventDefinition escalationRef="esc"/></boundaryEvent>
            """)).Start();
        Assert.Equal(["leader"], h.ReadyTasks);
        Assert.Empty(h.Completed("any"));
    }

    [Fact]
    public void UncaughtError_StillRaisesAnIncident()
    {
        var h = EngineHarness.Load(Bpmn.Process("""
            <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="boom"/>
            <endEvent id="boom"><errorEventDefinition errorRef="err"/></endEvent>
            """, extraRoot: """<error id="err" errorCode="E1"/>""")).Start();
        var incident = Assert.Single(h.OpenIncidents);
        Assert.Contains("E1", incident.Message);
    }
}
