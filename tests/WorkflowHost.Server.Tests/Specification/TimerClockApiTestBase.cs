using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Server.Jobs;
using WorkflowHost.Server.Tests.Infrastructure;
using WorkflowHost.Testing;

namespace WorkflowHost.Server.Tests.Specification;

/// <summary>The timer-clock suite's host: its clock stands at the real now in whole seconds (stored exactly by both databases).</summary>
public sealed class TimerClockSetup() : ClockSetup(SettableClock.StandingAtNow());

/// <summary>
/// Timers on the host's injected clock, with no waiting: what the host decides by its <see cref="TimeProvider"/> — the
/// due time, the scheduling horizon, the firing — is driven by moving the host's clock (<see cref="WorkflowHost.Testing.SettableClock"/>). When a scheduled Hangfire job runs
/// is decided by Hangfire's own clock, so the test runs the job itself once the clock says it is due, as Hangfire would.
/// </summary>
public abstract class TimerClockApiTestBase<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture, IHostFixture<ClockSetup>
{
    protected TFixture Fixture { get; } = fixture;

    [Fact]
    public virtual async Task Reminder_WaitsInItsRowBeyondTheHorizon_AndIsScheduledThenFiredAsTheClockMoves()
    {
        var key = (await (await Fixture.AsAsync("owner")).DeployAsync(Bpmn.ReminderOnTask(Bpmn.NewKey("clock"), "PT2H"))).Key;
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var startedAt = Fixture.Setup.Clock.GetUtcNow();
        var started = await reception.StartAsync(key);

        var timer = await TimerRowAsync(started.Id);
        Assert.Equal(startedAt + TimeSpan.FromHours(2), timer.DueAt);
        Assert.Null(timer.HangfireJobId); // two hours is beyond the 10-minute horizon: the row waits, Hangfire holds nothing
        await PromoteAsync();
        Assert.Null((await TimerRowAsync(started.Id)).HangfireJobId);

        Fixture.Setup.Clock.Now = startedAt + TimeSpan.FromMinutes(115);
        await PromoteAsync();
        timer = await TimerRowAsync(started.Id);
        Assert.NotNull(timer.HangfireJobId);
        using (var connection = Fixture.Factory.Services.GetRequiredService<Hangfire.JobStorage>().GetConnection())
        {
            var job = connection.GetJobData(timer.HangfireJobId);
            Assert.Equal(("Scheduled", (object)timer.Id), (job.State, job.Job.Args[0]));
        }
        Assert.Equal(0, (await reception.InstanceAsync(started.Id)).Completed("reminder"));

        Fixture.Setup.Clock.Now = startedAt + TimeSpan.FromHours(2);
        using (var scope = Fixture.Factory.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<TimerJobs>().FireAsync(timer.Id, CancellationToken.None);

        var instance = await reception.InstanceAsync(started.Id);
        Assert.Equal((1, "active"), (instance.Completed("reminder"), instance.Status));
        Assert.Equal(["review"], instance.ActiveElementIds);
        var fired = await TimerRowAsync(started.Id);
        Assert.Equal((RowStatus.Done, (DateTimeOffset?)startedAt.AddHours(2)), (fired.Status, fired.FiredAt));
    }

    private async Task PromoteAsync()
    {
        using var scope = Fixture.Factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<TimerJobs>().PromoteAsync(CancellationToken.None);
    }

    private async Task<TimerEntity> TimerRowAsync(Guid instanceId)
    {
        using var scope = Fixture.Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Timers.AsNoTracking().SingleAsync(t => t.InstanceId == instanceId);
    }
}
