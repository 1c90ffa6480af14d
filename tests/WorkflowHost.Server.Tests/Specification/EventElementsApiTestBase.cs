using WorkflowHost.Server.Tests.Infrastructure;

namespace WorkflowHost.Server.Tests.Specification;

/// <summary>
/// Escalation and conditional events through the REST API (issue 14): deployed, started and worked as a client would,
/// with the instance's history read back. Event subprocesses, compensation, signals and messages have their REST
/// tests in the dossier and signal suites.
/// </summary>
public abstract class EventElementsApiTestBase<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    protected TFixture Fixture { get; } = fixture;

    private static string EscalatesWhileWorking(string key) => Bpmn.Process(key, """
        <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="handling"/>
        <subProcess id="handling">
          <startEvent id="s2"/><sequenceFlow id="f2" sourceRef="s2" targetRef="raise"/>
          <intermediateThrowEvent id="raise"><escalationEventDefinition escalationRef="late"/></intermediateThrowEvent>
          <sequenceFlow id="f3" sourceRef="raise" targetRef="work"/><userTask id="work" camunda:candidateGroups="reception"/>
          <sequenceFlow id="f4" sourceRef="work" targetRef="e2"/><endEvent id="e2"/>
        </subProcess>
        <sequenceFlow id="f5" sourceRef="handling" targetRef="end"/><endEvent id="end"/>
        <boundaryEvent id="caught" attachedToRef="handling" cancelActivity="false"><escalationEventDefinition escalationRef="late"/></boundaryEvent>
        <sequenceFlow id="f6" sourceRef="caught" targetRef="escalated"/><userTask id="escalated" camunda:candidateGroups="reception"/>
        <sequenceFlow id="f7" sourceRef="escalated" targetRef="e3"/><endEvent id="e3"/>
        """, extraRoot: """<escalation id="late" escalationCode="late"/>""");

    private static string ConditionalFastTrack(string key) => Bpmn.Process(key, """
        <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="fork"/><parallelGateway id="fork"/>
        <sequenceFlow id="f2" sourceRef="fork" targetRef="review"/><userTask id="review" camunda:candidateGroups="reception"/>
        <sequenceFlow id="f3" sourceRef="review" targetRef="e1"/><endEvent id="e1"/>
        <sequenceFlow id="f4" sourceRef="fork" targetRef="flag"/><userTask id="flag" camunda:candidateGroups="reception"/>
        <sequenceFlow id="f5" sourceRef="flag" targetRef="e2"/><endEvent id="e2"/>
        <boundaryEvent id="urgentNow" attachedToRef="review">
          <conditionalEventDefinition><condition>${urgent == true}</condition></conditionalEventDefinition>
        </boundaryEvent>
        <sequenceFlow id="f6" sourceRef="urgentNow" targetRef="fastTrack"/><userTask id="fastTrack" camunda:candidateGroups="reception"/>
        <sequenceFlow id="f7" sourceRef="fastTrack" targetRef="e3"/><endEvent id="e3"/>
        """);

    [Fact]
    public virtual async Task Escalation_CaughtWithoutInterrupting_OpensTheEscalationPath_WhileTheWorkGoesOn()
    {
        var owner = await Fixture.AsAsync("owner");
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var key = (await owner.DeployAsync(EscalatesWhileWorking(Bpmn.NewKey("escalation")))).Key;

        var started = await reception.StartAsync(key, Bpmn.NewBusinessKey());

        Assert.Equal(["escalated", "work"], started.Tasks.Select(t => t.ElementId).Order().ToList());
        await reception.CompleteAsync(started.Id, "work");
        await reception.CompleteAsync(started.Id, "escalated");
        var done = await owner.WaitForStatusAsync(started.Id, "completed");
        Assert.Equal((1, 1, 1, 0), (done.Completed("raise"), done.Completed("work"), done.Completed("escalated"), done.Cancelled("handling")));
        Assert.Empty(done.Incidents);
    }

    [Fact]
    public virtual async Task ConditionalBoundary_InterruptsTheStep_WhenAnotherStepsCompletionMakesItsConditionTrue()
    {
        var owner = await Fixture.AsAsync("owner");
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var key = (await owner.DeployAsync(ConditionalFastTrack(Bpmn.NewKey("conditional")))).Key;
        var started = await reception.StartAsync(key, Bpmn.NewBusinessKey(), new { urgent = false });
        Assert.Equal(["flag", "review"], started.Tasks.Select(t => t.ElementId).Order().ToList());

        var completion = await reception.CompleteAsync(started.Id, "flag", new { urgent = true });

        Assert.Equal(["fastTrack"], completion.NextTasks.Select(t => t.ElementId).ToList());
        var instance = await owner.WaitForStatusAsync(started.Id, "active");
        Assert.Equal((1, 0), (instance.Cancelled("review"), instance.Completed("review")));
        Assert.Equal(["fastTrack"], await reception.OpenTaskNamesAsync(started.Id));
    }
}
