using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Tests.Support;
using WorkflowHost.Engine.Timers;

namespace WorkflowHost.Engine.Tests.Timers;

/// <summary>The <c>wh:workingDays</c> / <c>wh:workingHours</c> due-date notation of user tasks (docs/engine.md).</summary>
public sealed class WorkingTimeDueDateTests
{
    private static readonly EngineOptions Working = new() { Calendar = new MarkedCalendar() };

    private static string Task(string attributes) => Bpmn.Chain($"""<userTask id="review" name="Review" {attributes}/>""");

    [Fact]
    public void UserTask_IsDueInWorkingDays_WhenTheTaskSaysWhWorkingDays()
    {
        var h = EngineHarness.Load(Task("""wh:workingDays="3" """), Working).Start();

        Assert.Equal(h.Now.AddDays(30), Assert.Single(h.LastEffects.OfType<TaskCreated>()).DueAt);
    }

    [Fact]
    public void UserTask_IsDueInWorkingHours_WhenAnExpressionGivesTheHours()
    {
        var h = EngineHarness.Load(Task("""wh:workingHours="${budget}" """), Working).Start(("budget", 1.5));

        Assert.Equal(h.Now.AddHours(150), Assert.Single(h.LastEffects.OfType<TaskCreated>()).DueAt);
    }

    [Fact]
    public void UserTask_KeepsCalendarDays_WhenDueDateIsAPlainIsoDurationOnAWorkingTimeCalendar()
    {
        var h = EngineHarness.Load(Task("""camunda:dueDate="P3D" """), Working).Start();

        Assert.Equal(h.Now.AddDays(3), Assert.Single(h.LastEffects.OfType<TaskCreated>()).DueAt);
    }

    [Fact]
    public void UserTask_RaisesAnIncident_WhenTheHostHasNoWorkingTimeCalendar()
    {
        var h = EngineHarness.Load(Task("""wh:workingDays="3" """)).Start();

        Assert.Contains("no working-time calendar", Assert.Single(h.OpenIncidents).Message);
        Assert.Empty(h.LastEffects.OfType<TaskCreated>());
    }

    [Fact]
    public void UserTask_RaisesAnIncident_WhenTheCalendarCannotCount()
    {
        var h = EngineHarness.Load(Task("""wh:workingDays="${days}" """), Working).Start(("days", 500));

        Assert.Contains("covers 2025–2027", Assert.Single(h.OpenIncidents).Message);
    }

    [Theory]
    [InlineData("""wh:workingDays="2.5" """, "not a whole number")]
    [InlineData("""wh:workingDays="0" """, "not a whole number")]
    [InlineData("""wh:workingHours="-1" """, "above 0")]
    [InlineData("""wh:workingDays="3" wh:workingHours="4" """, "keep one")]
    [InlineData("""wh:workingDays="3" camunda:dueDate="P3D" """, "keep one")]
    public void Load_RefusesTheTask_WhenItsWorkingTimeDueDateIsInvalid(string attributes, string problem)
    {
        var report = new BpmnEngine(Working).Load(Task(attributes)).Report;

        Assert.Contains(report.Errors, p => p.ElementId == "review" && p.Message.Contains(problem, StringComparison.Ordinal));
    }
}
