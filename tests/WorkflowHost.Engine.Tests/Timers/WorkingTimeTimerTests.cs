using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Tests.Support;
using WorkflowHost.Engine.Timers;

namespace WorkflowHost.Engine.Tests.Timers;

/// <summary>
/// Timers in working time: <c>wh:workingDays</c> / <c>wh:workingHours</c> on a <c>timerEventDefinition</c>, so an
/// escalation path (a boundary timer) fires at a working instant, counted like a task's working-time due date.
/// </summary>
public sealed class WorkingTimeTimerTests
{
    private static readonly EngineOptions Working = new() { Calendar = new MarkedCalendar() };

    private static string Escalation(string timer) => Bpmn.Process($"""
        <startEvent id="start"/>
        <userTask id="approve" name="Approve"/>
        <boundaryEvent id="late" attachedToRef="approve" cancelActivity="false">{timer}</boundaryEvent>
        <userTask id="apologise" name="Apologise"/>
        <endEvent id="end"/>
        <endEvent id="apologised"/>
        <sequenceFlow id="f0" sourceRef="start" targetRef="approve"/>
        <sequenceFlow id="f1" sourceRef="approve" targetRef="end"/>
        <sequenceFlow id="f2" sourceRef="late" targetRef="apologise"/>
        <sequenceFlow id="f3" sourceRef="apologise" targetRef="apologised"/>
        """);

    [Fact]
    public void BoundaryTimer_IsDueInWorkingDays_AndRoutesTheEscalationPath_WhenItFires()
    {
        var h = EngineHarness.Load(Escalation("""<timerEventDefinition wh:workingDays="2"/>"""), Working).Start();

        Assert.Equal(h.Now.AddDays(20), Assert.Single(h.LastEffects.OfType<TimerScheduled>()).DueAt);
        h.FireTimer("late");
        Assert.Equal(["Approve", "Apologise"], h.ReadyTasks.Order(StringComparer.Ordinal).Reverse());
    }

    [Fact]
    public void BoundaryTimer_IsDueInWorkingHours_WhenTheTimerSaysWhWorkingHours()
    {
        var h = EngineHarness.Load(Escalation("""<timerEventDefinition wh:workingHours="1.5"/>"""), Working).Start();

        Assert.Equal(h.Now.AddHours(150), Assert.Single(h.LastEffects.OfType<TimerScheduled>()).DueAt);
    }

    [Fact]
    public void BoundaryTimer_RaisesAnIncident_NotAGuessedDate_WhenTheHostHasNoWorkingTimeCalendar()
    {
        var h = EngineHarness.Load(Escalation("""<timerEventDefinition wh:workingDays="2"/>""")).Start();

        Assert.Contains("no working-time calendar", Assert.Single(h.OpenIncidents).Message);
        Assert.Empty(h.LastEffects.OfType<TimerScheduled>());
    }

    [Theory]
    [InlineData("""<timerEventDefinition wh:workingDays="0"/>""", "not a whole number of working days")]
    [InlineData("""<timerEventDefinition wh:workingHours="-1"/>""", "not a number of hours above 0")]
    [InlineData("""<timerEventDefinition wh:workingDays="1" wh:workingHours="2"/>""", "both wh:workingDays and wh:workingHours")]
    [InlineData("""<timerEventDefinition wh:workingDays="1"><timeDuration>PT1H</timeDuration></timerEventDefinition>""", "keep one")]
    public void Load_RefusesTheTimer_NamingIt_WhenItsWorkingTimeIsWrong(string timer, string expected)
    {
        var result = new BpmnEngine(Working).Load(Escalation(timer));

        Assert.False(result.Succeeded);
        var problem = Assert.Single(result.Report.Problems, p => p.ElementId == "late");
        Assert.Contains(expected, problem.Message);
    }
}
