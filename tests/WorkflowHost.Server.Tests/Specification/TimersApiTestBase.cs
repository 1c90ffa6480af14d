using WorkflowHost.Server.Tests.Infrastructure;

namespace WorkflowHost.Server.Tests.Specification;

/// <summary>Timers fired by Hangfire: never before due, soon after it, and exactly once.</summary>
public abstract class TimersApiTestBase<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    protected TFixture Fixture { get; } = fixture;

    [Fact]
    public virtual async Task TimerCatch_CompletesInstanceSoonAfterDue_WhenDurationElapses()
    {
        var key = (await (await Fixture.AsAsync("owner")).DeployAsync(Bpmn.TimerCatch(Bpmn.NewKey("timer"), "PT2S"))).Key;
        var reception = await Fixture.AsAsync("reception");
        var started = await reception.StartAsync(key);
        Assert.Equal(["wait"], started.ActiveElementIds);

        var instance = await reception.WaitForStatusAsync(started.Id, "completed", TimeSpan.FromSeconds(12));

        var wait = Assert.Single(instance.History, h => h.ElementId == "wait");
        var due = wait.StartedAt + TimeSpan.FromSeconds(2);
        Assert.True(wait.EndedAt >= due, $"The timer fired at {wait.EndedAt:O}, before it was due at {due:O}.");
        Assert.True(instance.EndedAt <= due + TimeSpan.FromSeconds(4), $"The instance completed at {instance.EndedAt:O}, more than 4 s after the timer was due at {due:O}.");
        Assert.Equal(1, instance.Completed("end"));
    }

    [Fact]
    public virtual async Task BoundaryTimer_FiresOnceAndKeepsTask_WhenNonInterrupting()
    {
        var key = (await (await Fixture.AsAsync("owner")).DeployAsync(Bpmn.ReminderOnTask(Bpmn.NewKey("reminder"), "PT1S"))).Key;
        var reception = await Fixture.AsAsync("reception");
        var started = await reception.StartAsync(key);

        await reception.WaitForInstanceAsync(started.Id, i => i.Completed("reminded") > 0, TimeSpan.FromSeconds(10), "the reminder path to end");
        // Give a duplicate job (or a second occurrence) time to show itself before counting.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var instance = await reception.InstanceAsync(started.Id);

        Assert.Equal(1, instance.Completed("reminder"));
        Assert.Equal(1, instance.Completed("reminded"));
        Assert.Equal("active", instance.Status);
        Assert.Equal(["review"], instance.ActiveElementIds);
        var task = Assert.Single(await reception.TasksAsync(started.Id));
        await reception.CompleteAsync(task.Id);
        var completed = await reception.InstanceAsync(started.Id);
        Assert.Equal("completed", completed.Status);
        Assert.Equal(1, completed.Completed("end"));
        Assert.Equal(1, completed.Completed("reminder"));
    }

    [Fact]
    public virtual async Task BoundaryTimer_IsWithdrawn_WhenTaskCompletedBeforeDue()
    {
        var key = (await (await Fixture.AsAsync("owner")).DeployAsync(Bpmn.ReminderOnTask(Bpmn.NewKey("withdrawn"), "PT1S"))).Key;
        var reception = await Fixture.AsAsync("reception");
        var started = await reception.StartAsync(key);

        await reception.CompleteAsync(started.Id, "review");
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        var instance = await reception.InstanceAsync(started.Id);
        Assert.Equal("completed", instance.Status);
        Assert.Equal(0, instance.Completed("reminder"));
        Assert.Equal(0, instance.Started("reminded"));
    }
}
