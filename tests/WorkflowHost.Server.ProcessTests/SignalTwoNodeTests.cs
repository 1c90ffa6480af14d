using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WorkflowHost.Testing;
using Xunit.Abstractions;

namespace WorkflowHost.Server.ProcessTests;

/// <summary>
/// Two server processes on one PostgreSQL database: one broadcast signal reaches 1,000 waiting instances exactly
/// once each, while both nodes' Hangfire workers deliver chunks of it at the same time.
/// </summary>
[Collection("postgres")]
public sealed class SignalTwoNodeTests(SharedPostgres pg, ITestOutputHelper output)
{
    private const int Instances = 1000;

    [Fact]
    public async Task Two_nodes_deliver_one_signal_to_1000_waiting_instances_exactly_once_each()
    {
        await using var harness = new Harness(output, await pg.CreateDatabaseAsync());
        await harness.RunAsync(async () =>
        {
            var nodes = await Task.WhenAll(harness.StartServerAsync("node A"), harness.StartServerAsync("node B"));
            var (a, b) = (nodes[0], nodes[1]);
            var key = $"signal-{Guid.NewGuid():N}"[..20];
            var signal = $"holiday-{Guid.NewGuid():N}";
            await a.DeployAsync(Bpmn.SignalTwice(key, signal));

            var clientsA = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => a.SignInAsync()));
            var clientsB = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => b.SignInAsync()));
            var watch = Stopwatch.StartNew();
            var ids = new Guid[Instances];
            await Harness.ForEachAsync(Enumerable.Range(0, Instances), 8, async i =>
            {
                var (node, clients) = i % 2 == 0 ? (a, clientsA) : (b, clientsB);
                ids[i] = await node.StartInstanceAsync(key, $"S-{i:D4}", clients[i / 2 % clients.Length]);
            });
            harness.Log($"{Instances} instances started over both nodes in {watch.Elapsed.TotalSeconds:0.00} s");
            foreach (var client in clientsA.Concat(clientsB)) client.Dispose();
            Assert.Equal(Instances, await CountAsync(harness, $"""SELECT COUNT(*) FROM signal_subscriptions WHERE "SignalName" = '{signal}'"""));

            using var admin = await a.SignInAsync();
            watch.Restart();
            using var response = await admin.PostAsJsonAsync("/api/signals", new { name = signal, variables = new { holiday = "2026-09-02" } });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var outboxId = (await response.Content.ReadFromJsonAsync<JsonObject>())!["outboxId"]!.GetValue<long>();

            await harness.WaitUntilAsync("the broadcast delivered", TimeSpan.FromSeconds(300), async () =>
            {
                var status = await ScalarAsync(harness, $"""SELECT "Status" FROM outbox WHERE "Id" = {outboxId}""");
                var delivered = await CountAsync(harness, $"""SELECT COUNT(*) FROM outbox_deliveries WHERE "OutboxId" = {outboxId}""");
                return (status == "done", $"status={status}, deliveries={delivered}");
            });
            harness.Log($"Signal delivered to {Instances} instances in {watch.Elapsed.TotalSeconds:0.0} s");
            await Task.Delay(TimeSpan.FromSeconds(2)); // a late duplicate delivery would show up by now

            Assert.Equal(Instances, await CountAsync(harness, $"""SELECT COUNT(*) FROM outbox_deliveries WHERE "OutboxId" = {outboxId}"""));
            // Heard once: every instance now waits at the second catch; a second delivery would have ended it.
            Assert.Equal(Instances, await CountAsync(harness, $"""SELECT COUNT(*) FROM instances WHERE "DefinitionKey" = '{key}' AND "Status" = 'active'"""));
            Assert.Equal(Instances, await CountAsync(harness, $"""SELECT COUNT(*) FROM signal_subscriptions WHERE "SignalName" = '{signal}' AND "ElementId" = 'heardTwice'"""));
            Assert.Equal(0, await CountAsync(harness, $"""SELECT COUNT(*) FROM signal_subscriptions WHERE "SignalName" = '{signal}' AND "ElementId" = 'heard'"""));
            await Harness.ForEachAsync(ids.Take(50), 4, async id =>
            {
                var view = await (id.GetHashCode() % 2 == 0 ? a : b).GetInstanceAsync(id);
                Assert.Single(Harness.HistoryOf(view, "heard"));
                Assert.Equal("2026-09-02", view["variables"]!["holiday"]!.GetValue<string>());
            });

            var jobs = await harness.HangfireJobStatesAsync();
            harness.Log($"Hangfire jobs: {Harness.Describe(jobs)}");
            Assert.False(jobs.ContainsKey("Failed"), $"Hangfire has failed jobs: {Harness.Describe(jobs)}");
        });
    }

    private static async Task<long> CountAsync(Harness harness, string sql) =>
        Convert.ToInt64(await ScalarAsync(harness, sql), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string?> ScalarAsync(Harness harness, string sql)
    {
        await using var connection = harness.OpenDatabase();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync())?.ToString();
    }
}
