using System.Diagnostics;
using System.Text.Json.Nodes;
using WorkflowHost.Testing;
using Xunit.Abstractions;

namespace WorkflowHost.Server.ProcessTests;

/// <summary>
/// Decision 7 across a crash: timers committed by one server process fire exactly once after the process is killed
/// and a new one starts on the same database (the reconciler gives Hangfire the rows without a live job).
/// </summary>
[Collection("postgres")]
public sealed class RestartTests(SharedPostgres pg, ITestOutputHelper output)
{
    private const int Instances = 20;
    private static readonly TimeSpan TimerDuration = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task Sqlite_timers_fire_exactly_once_after_the_server_is_killed_and_restarted()
    {
        await using var harness = new Harness(output, connectionString: null);
        await harness.RunAsync(() => KillRestartAndCheckAsync(harness));
    }

    [Fact]
    public async Task Postgres_timers_fire_exactly_once_after_the_server_is_killed_and_restarted()
    {
        await using var harness = new Harness(output, await pg.CreateDatabaseAsync());
        await harness.RunAsync(() => KillRestartAndCheckAsync(harness));
    }

    private static async Task KillRestartAndCheckAsync(Harness harness)
    {
        var first = await harness.StartServerAsync("first server");
        var key = $"restart-{Guid.NewGuid():N}"[..20];
        await first.DeployAsync(Bpmn.TimerThenEnd(key, "PT8S"));

        var watch = Stopwatch.StartNew();
        var ids = new Guid[Instances];
        await Harness.ForEachAsync(Enumerable.Range(0, Instances), 4, async i => ids[i] = await first.StartInstanceAsync(key, $"R-{i:D3}"));
        harness.Log($"{Instances} instances started in {watch.Elapsed.TotalSeconds:0.00} s");

        // Before the crash: every instance waits at the timer, every timer row is pending.
        foreach (var id in ids)
        {
            var view = await first.GetInstanceAsync(id);
            Assert.Equal("active", view["status"]!.GetValue<string>());
            Assert.Contains("wait", view["activeElementIds"]!.AsArray().Select(e => e!.GetValue<string>()));
        }

        var before = await harness.TimerStatusesAsync();
        first.Kill();
        var elapsedAtKill = watch.Elapsed;
        harness.Log($"first server killed {elapsedAtKill.TotalSeconds:0.00} s after the first start; timers then: {Harness.Describe(before)}");
        Assert.True(before.GetValueOrDefault("pending") == Instances && before.Count == 1,
            $"Expected {Instances} pending timers when the server was killed, found {Harness.Describe(before)} " +
            $"({elapsedAtKill.TotalSeconds:0.0} s after the first start; the timers are due after {TimerDuration.TotalSeconds:0} s).");
        Assert.True(elapsedAtKill < TimerDuration, $"The kill came {elapsedAtKill.TotalSeconds:0.0} s after the first start: too late to test a restart.");

        var second = await harness.StartServerAsync("second server");
        await harness.WaitUntilAsync($"all {Instances} instances completed on the second server", TimeSpan.FromSeconds(60), async () =>
        {
            var statuses = await Task.WhenAll(ids.Select(async id => (await second.GetInstanceAsync(id))["status"]!.GetValue<string>()));
            var completed = statuses.Count(s => s == "completed");
            return (completed == Instances, $"{completed}/{Instances} completed; timers {Harness.Describe(await harness.TimerStatusesAsync())}");
        });
        await Task.Delay(TimeSpan.FromSeconds(2)); // a duplicate firing would show up by now (Hangfire polls every second)

        foreach (var id in ids)
        {
            var view = await second.GetInstanceAsync(id);
            Assert.Equal("completed", view["status"]!.GetValue<string>());
            AssertFiredOnce(view, id);
            Assert.Single(Harness.HistoryOf(view, "end"));
        }

        var after = await harness.TimerStatusesAsync();
        Assert.True(after.Count == 1 && after.GetValueOrDefault("done") == Instances,
            $"Expected exactly {Instances} timer rows, all done; found {Harness.Describe(after)}.");
        if (harness.IsPostgres)
        {
            var jobs = await harness.HangfireJobStatesAsync();
            harness.Log($"Hangfire jobs: {Harness.Describe(jobs)}");
            Assert.False(jobs.ContainsKey("Failed"), $"Hangfire has failed jobs: {Harness.Describe(jobs)}");
        }
    }

    /// <summary>The timer element is in the history once, ended, and not before its duration had passed.</summary>
    internal static void AssertFiredOnce(JsonObject view, Guid id, string elementId = "wait")
    {
        var entries = Harness.HistoryOf(view, elementId);
        Assert.True(entries.Count == 1, $"Instance {id}: timer '{elementId}' appears {entries.Count} times in the history: {view["history"]!.ToJsonString()}");
        var entry = entries[0];
        Assert.True(entry["endedAt"] is not null, $"Instance {id}: timer '{elementId}' has not ended: {entry.ToJsonString()}");
        var started = entry["startedAt"]!.GetValue<DateTimeOffset>();
        var ended = entry["endedAt"]!.GetValue<DateTimeOffset>();
        Assert.True(ended - started >= TimerDuration - TimeSpan.FromMilliseconds(50),
            $"Instance {id}: timer '{elementId}' fired after {(ended - started).TotalSeconds:0.000} s, before its {TimerDuration.TotalSeconds:0} s were up.");
        Assert.False(entry["cancelled"]?.GetValue<bool>() ?? false, $"Instance {id}: timer '{elementId}' was cancelled.");
    }
}
