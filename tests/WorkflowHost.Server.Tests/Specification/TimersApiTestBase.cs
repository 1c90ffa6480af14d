using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Server.Jobs;
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
        var reception = await Fixture.AsAsync("reception.hai-chau");
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
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var started = await reception.StartAsync(key);

        await reception.WaitForInstanceAsync(started.Id, i => i.Completed("reminded") > 0, TimeSpan.FromSeconds(10), "the reminder path to end");
        // Instead of waiting for a duplicate to show itself: the row is done, its one job finished, and a late
        // duplicate job (as a reconciler racing the dispatcher would give) changes nothing.
        var timer = await TimerRowAsync(started.Id);
        Assert.Equal(WorkflowHost.Data.Entities.RowStatus.Done, timer.Status);
        await WaitForJobStateAsync(timer.HangfireJobId!, "Succeeded");
        await FireAgainAsync(timer.Id);
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
    public virtual async Task TimerStart_StartsOneInstanceAfterDue_WhenLocalDateWithoutOffsetArrives()
    {
        // A process owner writes the date as read on a wall clock in Hà Nội (the server's zone), without an offset.
        var vietnam = TimeSpan.FromHours(7);
        var due = DateTimeOffset.UtcNow.ToOffset(vietnam).AddSeconds(3);
        due = new DateTimeOffset(due.Year, due.Month, due.Day, due.Hour, due.Minute, due.Second, vietnam);
        var key = Bpmn.NewKey("timer-start");
        var owner = await Fixture.AsAsync("owner");
        await owner.DeployAsync(Bpmn.Process(key, $"""
            <startEvent id="opening"><timerEventDefinition><timeDate>{due:yyyy-MM-ddTHH:mm:ss}</timeDate></timerEventDefinition></startEvent>
            <sequenceFlow id="f1" sourceRef="opening" targetRef="prepare"/>
            <userTask id="prepare" name="Prepare the session" camunda:candidateGroups="reception"/>
            <sequenceFlow id="f2" sourceRef="prepare" targetRef="end"/>
            <endEvent id="end"/>
            """));
        var admin = await Fixture.AsAsync("admin");

        var watch = System.Diagnostics.Stopwatch.StartNew();
        List<InstanceSummaryDto> instances;
        while ((instances = await admin.GetAsync<List<InstanceSummaryDto>>($"/api/instances?definitionKey={key}")).Count == 0)
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(12))
                Assert.Fail($"[{Fixture.Provider}] No instance was started by the timer due at {due:O}.{Environment.NewLine}{Fixture.Logs.Tail()}");
            await Task.Delay(100);
        }
        // No fixed wait for a second instance: a timeDate start has one occurrence, its row is done once its job
        // finished, and firing it again (a duplicate job) starts nothing.
        TimerEntity opening;
        using (var scope = Fixture.Factory.Services.CreateScope())
            opening = await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Timers.AsNoTracking().SingleAsync(t => t.DefinitionKey == key);
        await WaitForJobStateAsync(opening.HangfireJobId!, "Succeeded");
        await FireAgainAsync(opening.Id);

        var started = Assert.Single(await admin.GetAsync<List<InstanceSummaryDto>>($"/api/instances?definitionKey={key}"));
        Assert.True(started.StartedAt >= due, $"The instance started at {started.StartedAt:O}, before the timer was due at {due:O}.");
        Assert.True(started.StartedAt <= due + TimeSpan.FromSeconds(4), $"The instance started at {started.StartedAt:O}, more than 4 s after {due:O}.");
        Assert.Equal("prepare", Assert.Single(await admin.TasksAsync(started.Id)).ElementId);
    }

    /// <summary>
    /// The reminder sits on the first of two tasks, so the instance is still running when it would be due: only the
    /// withdrawal of its timer (row cancelled, Hangfire job deleted) keeps it from firing.
    /// </summary>
    [Fact]
    public virtual async Task BoundaryTimer_IsWithdrawn_WhenTaskCompletedBeforeDue()
    {
        var key = (await (await Fixture.AsAsync("owner")).DeployAsync(Bpmn.Process(Bpmn.NewKey("withdrawn"), """
            <startEvent id="start"/>
            <sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
            <userTask id="review" name="Review dossier" camunda:candidateGroups="reception"/>
            <boundaryEvent id="reminder" attachedToRef="review" cancelActivity="false"><timerEventDefinition><timeDuration>PT1S</timeDuration></timerEventDefinition></boundaryEvent>
            <sequenceFlow id="f2" sourceRef="reminder" targetRef="reminded"/>
            <endEvent id="reminded"/>
            <sequenceFlow id="f3" sourceRef="review" targetRef="sign"/>
            <userTask id="sign" name="Sign result" camunda:candidateGroups="reception"/>
            <sequenceFlow id="f4" sourceRef="sign" targetRef="end"/>
            <endEvent id="end"/>
            """))).Key;
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var started = await reception.StartAsync(key);

        await reception.CompleteAsync(started.Id, "review");
        using (var scope = Fixture.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowHost.Data.WorkflowDbContext>();
            var timer = await db.Timers.AsNoTracking().SingleAsync(t => t.InstanceId == started.Id);
            Assert.Equal("cancelled", timer.Status);
        }
        // Instead of sleeping past the due time: the job was withdrawn from Hangfire, and the job running anyway
        // (a delete that lost a race with the worker) fires nothing.
        var withdrawn = await TimerRowAsync(started.Id);
        await WaitForJobStateAsync(withdrawn.HangfireJobId!, "Deleted");
        await FireAgainAsync(withdrawn.Id);

        var instance = await reception.InstanceAsync(started.Id);
        Assert.Equal("active", instance.Status);
        Assert.Equal(["sign"], instance.ActiveElementIds);
        Assert.Equal(0, instance.Completed("reminder"));
        Assert.Equal(0, instance.Started("reminded"));
        using (var scope = Fixture.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowHost.Data.WorkflowDbContext>();
            var timer = await db.Timers.AsNoTracking().SingleAsync(t => t.InstanceId == started.Id);
            Assert.Equal(("cancelled", (DateTimeOffset?)null), (timer.Status, timer.FiredAt));
        }
    }

    /// <summary>
    /// The horizon reconciler reads pending timers in keyset pages: every row of more than two pages gets its own live
    /// job, including rows sharing one due time across a page boundary.
    /// </summary>
    [Fact]
    public virtual async Task Reconciler_SchedulesEveryPendingTimer_WhenTheyFillMoreThanTwoPages()
    {
        var due = DateTimeOffset.UtcNow.AddMinutes(9); // inside the 10-minute horizon, far enough that none fires during the test
        var ids = Enumerable.Range(0, ApiFixture.ReconcilePageSize * 2 + 7).Select(_ => Guid.NewGuid()).ToList();
        using (var scope = Fixture.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            db.Timers.AddRange(ids.Select((id, i) => new TimerEntity
            {
                Id = id, InstanceId = Guid.NewGuid(), EngineTimerId = 1, ElementId = "reminder", Status = RowStatus.Pending,
                DueAt = i % 2 == 0 ? due : due.AddMilliseconds(i),
            }));
            await db.SaveChangesAsync();
        }
        try
        {
            using (var scope = Fixture.Factory.Services.CreateScope())
                await scope.ServiceProvider.GetRequiredService<TimerJobs>().PromoteAsync(CancellationToken.None);

            using (var scope = Fixture.Factory.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
                var rows = await db.Timers.AsNoTracking().Where(t => ids.Contains(t.Id)).ToListAsync();
                Assert.Equal(ids.Count, rows.Count);
                using var connection = scope.ServiceProvider.GetRequiredService<Hangfire.JobStorage>().GetConnection();
                foreach (var row in rows)
                {
                    Assert.False(row.HangfireJobId is null, $"[{Fixture.Provider}] Timer {row.Id} got no Hangfire job.");
                    var job = connection.GetJobData(row.HangfireJobId);
                    Assert.Equal("Scheduled", job.State);
                    Assert.Equal(row.Id, job.Job.Args[0]);
                }
            }
        }
        finally
        {
            using var scope = Fixture.Factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            await db.Timers.Where(t => ids.Contains(t.Id)).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, RowStatus.Cancelled));
        }
    }

    private async Task<TimerEntity> TimerRowAsync(Guid instanceId)
    {
        using var scope = Fixture.Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Timers.AsNoTracking().SingleAsync(t => t.InstanceId == instanceId);
    }

    /// <summary>Runs the timer's job once more, as a duplicate Hangfire job would.</summary>
    private async Task FireAgainAsync(Guid timerId)
    {
        using var scope = Fixture.Factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<TimerJobs>().FireAsync(timerId, CancellationToken.None);
    }

    /// <summary>
    /// Polls Hangfire's storage until the job reaches <paramref name="state"/>. Polling, because Hangfire moves jobs on its
    /// own clock and workers, which the host's injected <see cref="TimeProvider"/> does not drive.
    /// </summary>
    private async Task WaitForJobStateAsync(string jobId, string state)
    {
        var storage = Fixture.Factory.Services.GetRequiredService<Hangfire.JobStorage>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        string? seen;
        while ((seen = ReadState()) != state)
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"[{Fixture.Provider}] Hangfire job {jobId} stayed '{seen}', never '{state}'.{Environment.NewLine}{Fixture.Logs.Tail()}");
            await Task.Delay(50);
        }

        string? ReadState()
        {
            using var connection = storage.GetConnection();
            return connection.GetJobData(jobId)?.State;
        }
    }
}
