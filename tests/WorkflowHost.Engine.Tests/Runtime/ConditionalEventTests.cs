using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Tests.Support;

namespace WorkflowHost.Engine.Tests.Runtime;

/// <summary>Conditional boundary events: re-evaluated whenever a command changes variables.</summary>
public sealed class ConditionalEventTests
{
    private static string Appraisal(bool interrupting) => Bpmn.Process($$"""
        <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="fork"/><parallelGateway id="fork"/>
        <sequenceFlow id="f2" sourceRef="fork" targetRef="appraise"/><sequenceFlow id="f3" sourceRef="fork" targetRef="pay"/>
        <userTask id="appraise"/><sequenceFlow id="f4" sourceRef="appraise" targetRef="e1"/><endEvent id="e1"/>
        <userTask id="pay"/><sequenceFlow id="f5" sourceRef="pay" targetRef="e2"/><endEvent id="e2"/>
        <boundaryEvent id="overLimit" attachedToRef="appraise" cancelActivity="{{(interrupting ? "true" : "false")}}">
          <conditionalEventDefinition><condition>${amount > 100}</condition></conditionalEventDefinition>
        </boundaryEvent>
        <sequenceFlow id="f6" sourceRef="overLimit" targetRef="leader"/><userTask id="leader"/><sequenceFlow id="f7" sourceRef="leader" targetRef="e3"/><endEvent id="e3"/>
        """);

    [Fact]
    public void InterruptingConditionalBoundary_FiresWhenAnotherTaskChangesTheVariable()
    {
        var h = EngineHarness.Load(Appraisal(interrupting: true)).Start(("amount", 10));
        Assert.Equal(["appraise", "pay"], h.ReadyTasks);
        Assert.Single(h.Waits(WaitKind.Conditional));
        h.CompleteTask("pay", ("amount", 500));
        Assert.Equal(["leader"], h.ReadyTasks);
        Assert.Equal(1, h.CountEnded("appraise", cancelled: true));
        Assert.Empty(h.Waits(WaitKind.Conditional));
    }

    [Fact]
    public void NonInterruptingConditionalBoundary_LeavesTheTaskOpen()
    {
        var h = EngineHarness.Load(Appraisal(interrupting: false)).Start(("amount", 10));
        h.CompleteTask("pay", ("amount", 500));
        Assert.Equal(["appraise", "leader"], h.ReadyTasks);
    }

    [Fact]
    public void ConditionalBoundary_IsWithdrawn_WhenTheTaskCompletesFirst()
    {
        var h = EngineHarness.Load(Appraisal(interrupting: true)).Start(("amount", 10));
        h.CompleteTask("appraise");
        Assert.Empty(h.Waits(WaitKind.Conditional));
        h.CompleteTask("pay", ("amount", 500));
        Assert.True(h.IsCompleted);
        Assert.Empty(h.Completed("leader"));
    }
}
