using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WorkflowHost.Server.Notifications;
using WorkflowHost.Server.Reminders;
using WorkflowHost.Server.Tests.Infrastructure;
using WorkflowHost.Server.Tests.Specification;
using WorkflowHost.Testing;
using Xunit.Abstractions;

namespace WorkflowHost.Server.Tests.Providers;

/// <summary>The embedded setup is one node: pushes go straight from the node that fired, nothing is logged.</summary>
public sealed class LivePushesApiSqliteTest(SqliteApiFixture<ReminderSetup> fixture) : LivePushesApiTestBase<SqliteApiFixture<ReminderSetup>>(fixture)
{
    protected override bool RelaysAcrossNodes => false;
}

/// <summary>Nodes on one PostgreSQL database relay pushes through the log; what only PostgreSQL has is tested here too.</summary>
[Collection(PostgresCollection.Name)]
public sealed class LivePushesApiPostgresTest(PostgresApiFixture<ReminderSetup> fixture, ITestOutputHelper output) : LivePushesApiTestBase<PostgresApiFixture<ReminderSetup>>(fixture)
{
    protected override bool RelaysAcrossNodes => true;

    [Fact]
    public async Task Pushes_CommittedWhileTheRelaysListenersWereCutOff_ArriveOnce_AndHealthSaysDegraded_UntilTheyListenAgain()
    {
        Fixture.Setup.Clock.Now = Local(12, 8, 8); // Tuesday
        var code = await ReceiveAsync("Võ Thị Mất Kết Nối");
        using var officer = await SignInAsync("officer.hai-chau");
        await OpenTaskAsync(officer, code, "appraise");
        await using var nodeB = Fixture.SecondNode();
        _ = nodeB.Server;
        Fixture.Setup.Clock.Now = Local(12, 8, 13, 30);
        var heard = new ConcurrentQueue<Heard>();
        await using var managerOnB = await ConnectAsync(nodeB, "manager.hai-chau", "B", heard);
        await WaitAsync(async () => await ListenersAsync() == 2, "both nodes listening");

        // As a database restart or a network cut would: every relay's LISTEN connection ends, and the breach commits
        // before they are back (they wait a second), so PostgreSQL has nobody to tell.
        Assert.Equal("healthy", await RelayHealthAsync());
        Assert.Equal(2, await TerminateListenersAsync());
        await FireDueAsync(code, Fixture.Factory.Services);
        await WaitAsync(async () => await RelayHealthAsync() == "degraded", "node A's /health to say its relay is not listening");

        await WaitAsync(() => heard.Count(h => h.About(code)) >= 2, "node B's push of the breach");
        await Task.Delay(3 * ReminderSetup.LiveRelayPollInterval);
        Assert.Equal([("manager.hai-chau", "breach"), ("manager.hai-chau", "notification")], heard.Where(h => h.About(code)).Select(h => (h.User, h.Method)).Order());
        await WaitAsync(async () => await ListenersAsync() == 2, "both nodes listening again");
        await WaitAsync(async () => await RelayHealthAsync() == "healthy", "node A's /health to say its relay listens again");
    }

    /// <summary>
    /// The measurement of docs/benchmarks.md ("Live pushes across nodes"): breaches fired one after another on node A,
    /// each timed from its commit to its arrival at a client of node B. Prints the figures; asserts
    /// only that each arrived exactly once. WFH_RELAY_SAMPLES sets how many (default 40; the recorded run used 200).
    /// </summary>
    [Fact]
    public async Task RelayLatency_FromBreachOnNodeA_ToAClientOfNodeB_IsPrinted_AndEachArrivesOnce()
    {
        var samples = int.TryParse(Environment.GetEnvironmentVariable("WFH_RELAY_SAMPLES"), out var n) ? n : 40;
        Fixture.Setup.Clock.Now = Local(12, 14, 8); // Monday
        using var officer = await SignInAsync("officer.hai-chau");
        var codes = new List<string>();
        for (var i = 0; i < samples; i++)
        {
            var code = await ReceiveAsync($"Người Đo {i}");
            await OpenTaskAsync(officer, code, "appraise");
            codes.Add(code);
        }
        await using var nodeB = Fixture.SecondNode();
        _ = nodeB.Server;
        Fixture.Setup.Clock.Now = Local(12, 14, 13, 30);
        var heard = new ConcurrentQueue<Heard>();
        await using var managerOnB = await ConnectAsync(nodeB, "manager.hai-chau", "B", heard);
        var firing = new List<double>();
        var relayed = new List<double>();
        var endToEnd = new List<double>();
        foreach (var code in codes)
        {
            var reminder = Assert.Single(await DueRemindersAsync(code));
            using var scope = Fixture.Factory.Services.CreateScope();
            // ReminderJobs.FireAsync split at the commit: firing returns once its transaction committed, then the e-mails are queued.
            var started = Stopwatch.GetTimestamp();
            var fired = await scope.ServiceProvider.GetRequiredService<ReminderFiring>().FireAsync(reminder, CancellationToken.None);
            var committed = Stopwatch.GetTimestamp();
            await scope.ServiceProvider.GetRequiredService<Notifier>().PublishAsync(fired!, CancellationToken.None);
            Heard? arrival = null;
            await WaitAsync(() => (arrival = heard.FirstOrDefault(h => h.Method == "breach" && h.About(code))) is not null, $"the breach of {code} on node B");
            firing.Add(Stopwatch.GetElapsedTime(started, committed).TotalMilliseconds);
            relayed.Add(Stopwatch.GetElapsedTime(committed, arrival!.At).TotalMilliseconds);
            endToEnd.Add(Stopwatch.GetElapsedTime(started, arrival.At).TotalMilliseconds);
        }
        await Task.Delay(3 * ReminderSetup.LiveRelayPollInterval);
        foreach (var code in codes)
            Assert.Equal(["breach", "notification"], heard.Where(h => h.About(code)).Select(h => h.Method).Order());

        output.WriteLine($"{samples} breaches fired one at a time on node A, each heard by manager.hai-chau's client on node B (SignalR long polling over the test server)");
        output.WriteLine($"firing on A (claim, notifications, push rows, commit): {Figures(firing)}");
        output.WriteLine($"committed on A -> received on B: {Figures(relayed)}");
        output.WriteLine($"firing started on A -> received on B: {Figures(endToEnd)}");
    }

    /// <summary>
    /// The other half of that measurement: as at 17:00, when a working day's steps fall due together, one instant's job
    /// on node A fires every breach (<see cref="ReminderJobs.FireDueAsync"/>, each in its own transaction) while node
    /// B's client listens. Prints how long after the job's start each breach arrived and how long after the job ended
    /// the last one did; asserts each arrived exactly once.
    /// </summary>
    [Fact]
    public async Task RelayBurst_OneInstantsBreachesFiredOnNodeA_AllReachAClientOfNodeB_OnceEach_AndTheSpreadIsPrinted()
    {
        var samples = int.TryParse(Environment.GetEnvironmentVariable("WFH_RELAY_SAMPLES"), out var n) ? n : 40;
        Fixture.Setup.Clock.Now = Local(12, 15, 8); // Tuesday
        using var officer = await SignInAsync("officer.hai-chau");
        var codes = new List<string>();
        for (var i = 0; i < samples; i++)
        {
            var code = await ReceiveAsync($"Người Đồng Loạt {i}");
            await OpenTaskAsync(officer, code, "appraise");
            codes.Add(code);
        }
        await using var nodeB = Fixture.SecondNode();
        _ = nodeB.Server;
        Fixture.Setup.Clock.Now = Local(12, 15, 13, 30);
        var heard = new ConcurrentQueue<Heard>();
        await using var managerOnB = await ConnectAsync(nodeB, "manager.hai-chau", "B", heard);

        var started = Stopwatch.GetTimestamp();
        using (var scope = Fixture.Factory.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<ReminderJobs>().FireDueAsync(Fixture.Setup.Clock.Now, CancellationToken.None);
        var ended = Stopwatch.GetTimestamp();
        await WaitAsync(() => codes.All(code => heard.Any(h => h.Method == "breach" && h.About(code))), $"all {samples} breaches on node B");
        await Task.Delay(3 * ReminderSetup.LiveRelayPollInterval);
        foreach (var code in codes)
            Assert.Equal(["breach", "notification"], heard.Where(h => h.About(code)).Select(h => h.Method).Order());

        var arrivals = codes.Select(code => heard.First(h => h.Method == "breach" && h.About(code)).At).ToList();
        output.WriteLine($"{samples} breaches of one instant fired by one job on node A in {Stopwatch.GetElapsedTime(started, ended).TotalMilliseconds:F0} ms");
        output.WriteLine($"job started on A -> each breach received on B: {Figures(arrivals.Select(at => Stopwatch.GetElapsedTime(started, at).TotalMilliseconds).ToList())}");
        output.WriteLine($"job ended on A -> last breach received on B: {Stopwatch.GetElapsedTime(ended, arrivals.Max()).TotalMilliseconds:F1} ms");
    }

    private static string Figures(List<double> ms)
    {
        var sorted = ms.Order().ToList();
        double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        return $"median {At(0.5):F1} ms, p95 {At(0.95):F1} ms, max {sorted[^1]:F1} ms";
    }

    /// <summary>The status of node A's <c>live-relay</c> health check.</summary>
    private async Task<string> RelayHealthAsync()
    {
        using var anonymous = Fixture.Anonymous();
        var health = await anonymous.Http.GetFromJsonAsync<JsonObject>("/health");
        return health!["checks"]!["live-relay"]!["status"]!.GetValue<string>();
    }

    private async Task<int> ListenersAsync()
    {
        await using var connection = new NpgsqlConnection(Fixture.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = @name AND query LIKE 'LISTEN%'", connection);
        count.Parameters.AddWithValue("name", PushWakeUps.ApplicationName);
        return (int)(long)(await count.ExecuteScalarAsync())!;
    }

    private async Task<int> TerminateListenersAsync()
    {
        await using var connection = new NpgsqlConnection(Fixture.ConnectionString);
        await connection.OpenAsync();
        await using var terminate = new NpgsqlCommand(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND application_name = @name", connection);
        terminate.Parameters.AddWithValue("name", PushWakeUps.ApplicationName);
        return (int)(long)(await terminate.ExecuteScalarAsync())!;
    }
}
