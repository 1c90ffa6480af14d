using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Timers;
using WorkflowHost.Engine.Tests.Support;

namespace WorkflowHost.Engine.Tests.Conformance;

/// <summary>The bpmn-elements cases of the shared corpus (none of them is a [DPE] case).</summary>
public sealed class BpmnElementsConformanceTests
{
    private const string Dir = "conformance/bpmn-exec/";

    private static EngineHarness Load(string file, List<string>? log = null) =>
        EngineHarness.LoadFile(Dir + file, BpmnElementsHarness.Options(log), BpmnElementsHarness.Rewrite);

    [Fact]
    public void BpmnError_IsCaughtByBoundaryOnSubprocess_WhenAmountTooBig()
    {
        var h = Load("bpmn-elements__bpmn-error.bpmn").Start();
        h.CompleteTask("order", ("amount", 11));
        Assert.True(h.IsCompleted, string.Join("; ", h.OpenIncidents.Select(i => i.Message)));
        Assert.Single(h.Completed("catchError"));
        Assert.Equal(1, h.CountEnded("orderProcess", cancelled: true));
        Assert.Equal(0, h.CountEnded("orderProcess", cancelled: false));
        var signal = Assert.Single(h.Effects.OfType<SignalThrown>());
        Assert.Equal("Too big signal", signal.SignalName);
        Assert.Empty(h.Completed("end"));
    }

    [Fact]
    public void BpmnError_NotThrown_WhenAmountSmall()
    {
        var h = Load("bpmn-elements__bpmn-error.bpmn").Start();
        h.CompleteTask("order", ("amount", 5));
        Assert.True(h.IsCompleted);
        Assert.Single(h.Completed("placeOrder"));
        Assert.Single(h.Completed("end"));
        Assert.Empty(h.Effects.OfType<SignalThrown>());
    }

    [Theory]
    [InlineData(true, false, "task2")]
    [InlineData(false, true, "task4")]
    [InlineData(false, false, "task3")]
    public void ConditionalFlows_TakeOnlyTheMatchingFlow_FromATask(bool take2, bool take4, string expected)
    {
        var h = Load("bpmn-elements__conditional-flows.bpmn").Start(("take2", take2), ("take4", take4));
        Assert.True(h.IsCompleted);
        foreach (var task in new[] { "task2", "task3", "task4" })
            Assert.Equal(task == expected ? 1 : 0, h.Completed(task).Count);
    }

    [Fact]
    public void LinkEvent_JumpsToCatch_AndRunsScriptsInOrder()
    {
        var log = new List<string>();
        var h = Load("bpmn-elements__link-event.bpmn", log).Start();
        Assert.True(h.IsCompleted);
        Assert.Equal(["task1", "task2"], log);
    }

    [Fact]
    public void Timers_ParseAllThreeKinds_AndDriveTheProcess()
    {
        var h = Load("bpmn-elements__timers.bpmn");
        var startTimer = Assert.Single(h.Definition.TimerStartEvents);
        var cycle = Assert.IsType<TimerCycle>(startTimer.Event!.Timer);
        Assert.Equal(3, cycle.Repetitions);
        Assert.Equal(TimeSpan.FromHours(10), PlainCalendar.Instance.Add(h.Now, cycle.Interval) - h.Now);

        h.Run(new StartInstance(EngineHarness.Vars(("catchDate", "1993-06-26"), ("dueDate", "2026-03-10")), StartEventId: "start-cycle"));
        var boundary = Assert.Single(h.Waits(WaitKind.Timer));
        Assert.Equal(h.Now.AddMinutes(1), boundary.DueAt);
        h.FireTimer("bound-duration");
        Assert.Single(h.Completed("duration-end"));
        Assert.True(h.IsReady("task"));

        h.CompleteTask("task");
        var dateTimer = Assert.Single(h.Waits(WaitKind.Timer));
        Assert.Equal("catch-date", dateTimer.ElementId);
        Assert.Equal(new DateTime(1993, 6, 26), dateTimer.DueAt!.Value.Date);
        h.FireTimer("catch-date");
        Assert.True(h.IsReady("user-due"));
        var task = h.Effects.OfType<TaskCreated>().Single(t => t.ElementId == "user-due");
        Assert.Equal(new DateTime(2026, 3, 10), task.DueAt!.Value.Date);
        h.CompleteTask("user-due");
        Assert.True(h.IsCompleted);
    }
}
