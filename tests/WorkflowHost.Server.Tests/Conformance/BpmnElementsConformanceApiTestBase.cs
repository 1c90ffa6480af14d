using System.Net;
using WorkflowHost.Server.Tests.Infrastructure;

namespace WorkflowHost.Server.Tests.Conformance;

/// <summary>
/// The bpmn-elements cases of the shared corpus through the REST API, asserting what
/// WorkflowHost.Engine.Tests/Conformance/BpmnElementsConformanceTests asserts at engine level ("taken" = completed
/// in the instance history, "discarded" = cancelled or never started).
/// </summary>
public abstract class BpmnElementsConformanceApiTestBase<TFixture>(TFixture fixture) : ConformanceApiTestBase<TFixture>(fixture) where TFixture : ApiFixture
{
    /// <summary>Hồ Chí Minh time, the server's configured zone for dates written without an offset (no daylight saving).</summary>
    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    private Task<string> DeployCaseAsync(string file, Func<string, string>? adapt = null) => DeployAsync(file, RestHarness.BpmnElements, adapt: adapt);

    [Fact]
    public virtual async Task BpmnError_IsCaughtByBoundaryOnSubprocess_WhenAmountTooBig()
    {
        var (started, _) = await StartAsync(await DeployCaseAsync("bpmn-elements__bpmn-error.bpmn"));
        await CompleteTaskAsync(started.Id, "order", new { amount = 11 });

        var instance = await AssertCompletedAsync(started.Id);
        Assert.Equal(1, instance.Completed("catchError"));
        Assert.Equal(1, instance.Cancelled("orderProcess"));
        Assert.Equal(0, instance.Completed("orderProcess"));
        Assert.Equal(1, instance.Completed("endWithSignal"));
        Assert.Equal(0, instance.Completed("end"));
        Assert.Equal(0, instance.Started("placeOrder"));
    }

    [Fact]
    public virtual async Task BpmnError_NotThrown_WhenAmountSmall()
    {
        var (started, _) = await StartAsync(await DeployCaseAsync("bpmn-elements__bpmn-error.bpmn"));
        await CompleteTaskAsync(started.Id, "order", new { amount = 5 });

        var instance = await AssertCompletedAsync(started.Id);
        Assert.Equal(1, instance.Completed("placeOrder"));
        Assert.Equal(1, instance.Completed("end"));
        Assert.Equal(0, instance.Started("catchError"));
        Assert.Equal(0, instance.Started("endWithSignal"));
    }

    [Theory]
    [InlineData(true, false, "task2")]
    [InlineData(false, true, "task4")]
    [InlineData(false, false, "task3")]
    public virtual async Task ConditionalFlows_TakeOnlyMatchingFlow_WhenLeavingATask(bool take2, bool take4, string expected)
    {
        var (started, _) = await StartAsync(await DeployCaseAsync("bpmn-elements__conditional-flows.bpmn"), new { take2, take4 });

        Assert.Equal("completed", started.Status);
        var instance = await AssertCompletedAsync(started.Id);
        foreach (var task in new[] { "task2", "task3", "task4" })
            Assert.Equal(task == expected ? 1 : 0, instance.Completed(task));
    }

    [Fact]
    public virtual async Task LinkEvent_RunsScriptsInOrder_WhenThrowJumpsToCatch()
    {
        var (started, _) = await StartAsync(await DeployCaseAsync("bpmn-elements__link-event.bpmn"));

        Assert.Equal("completed", started.Status);
        var instance = await AssertCompletedAsync(started.Id);
        Assert.Equal(["task1", "task2"], instance.Variables["log"]!.AsArray().Select(m => m!.GetValue<string>()));
    }

    [Fact]
    public virtual async Task Timers_DeploysButRefusesManualStart_WhenOnlyStartEventIsTimer()
    {
        var key = await DeployCaseAsync("bpmn-elements__timers.bpmn");
        var admin = await AdminAsync();
        Assert.Equal("published", Assert.Single(await admin.VersionsAsync(key)).Status);

        // The only start event is the R3/PT10H cycle: POST /api/instances cannot start it, and says why.
        var problem = await ApiClient.ProblemAsync(await admin.SendStartAsync(key), (HttpStatusCode)422);
        Assert.Contains("timer", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public virtual async Task Timers_DriveProcessToCompletion_WhenCycleAndDurationShortened()
    {
        // REST difference: a test cannot wait 10 hours for the cycle or a minute for the boundary, nor move the
        // server's clock. The cycle R3/PT10H becomes R1/PT1S (the published definition starts its own instance a second
        // later, through Hangfire) and the boundary PT1M becomes PT1S. The start carries no variables, so catchDate and
        // dueDate are given when the manual task is completed.
        var key = await DeployCaseAsync("bpmn-elements__timers.bpmn", xml => xml
            .Replace(">R3/PT10H<", ">R1/PT1S<", StringComparison.Ordinal)
            .Replace(">PT1M<", ">PT1S<", StringComparison.Ordinal));
        var admin = await AdminAsync();

        var id = await WaitForTimerStartedInstanceAsync(admin, key);
        var boundaryFired = await admin.WaitForInstanceAsync(id, i => i.Completed("duration-end") == 1, TimerDeadline, "the boundary timer path");
        Assert.Equal(1, boundaryFired.Completed("start-cycle"));
        Assert.Equal(1, boundaryFired.Completed("bound-duration"));
        Assert.True(await IsReadyAsync(id, "task"));

        await CompleteTaskAsync(id, "task", new { catchDate = "1993-06-26", dueDate = "2026-03-10" });
        // 1993-06-26 is long past: the date timer fires at the next Hangfire poll.
        var caught = await admin.WaitForInstanceAsync(id, i => i.ActiveElementIds.Contains("user-due"), TimerDeadline, "the past timeDate to fire");
        Assert.Equal(1, caught.Completed("catch-date"));
        var userDue = await admin.OpenTaskAsync(id, "user-due");
        Assert.NotNull(userDue.DueAt);
        Assert.Equal(new DateTime(2026, 3, 10), userDue.DueAt!.Value.ToOffset(VietnamOffset).Date);

        await admin.CompleteAsync(userDue.Id);
        var instance = await AssertCompletedAsync(id);
        Assert.Equal(1, instance.Completed("end"));
        Assert.Equal(1, instance.Completed("duration-end"));
    }

    private async Task<Guid> WaitForTimerStartedInstanceAsync(ApiClient admin, string key)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var instances = await admin.GetAsync<List<InstanceSummaryDto>>($"/api/instances?definitionKey={key}");
            if (instances.Count > 0) return Assert.Single(instances).Id;
            if (watch.Elapsed > TimerDeadline)
                Assert.Fail($"[{Fixture.Provider}] The R1/PT1S start timer of '{key}' started no instance within {TimerDeadline.TotalSeconds} s.{Environment.NewLine}{Fixture.Logs.Tail()}");
            await Task.Delay(100);
        }
    }
}
