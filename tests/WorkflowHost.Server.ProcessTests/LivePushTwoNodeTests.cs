using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;
using WorkflowHost.Testing;
using Xunit.Abstractions;

namespace WorkflowHost.Server.ProcessTests;

/// <summary>
/// Two server processes on one PostgreSQL database, with the browser's transport (WebSockets): a breach that
/// Hangfire fires on whichever node reaches the unit manager's connections on both nodes, each exactly once.
/// </summary>
[Collection("postgres")]
public sealed class LivePushTwoNodeTests(SharedPostgres pg, ITestOutputHelper output)
{
    private const string Manager = "manager.hai-chau";

    [Fact]
    public async Task A_breach_fired_by_either_node_reaches_the_managers_connection_on_each_node_exactly_once()
    {
        await using var harness = new Harness(output, await pg.CreateDatabaseAsync(), procedures: true);
        await harness.RunAsync(async () =>
        {
            var nodes = await Task.WhenAll(harness.StartServerAsync("node A"), harness.StartServerAsync("node B"));
            var (a, b) = (nodes[0], nodes[1]);
            var code = await ReceiveAsync(a);
            Guid task = Guid.Empty;
            await harness.WaitUntilAsync("the appraisal step and its breach reminder", TimeSpan.FromSeconds(30), async () =>
            {
                task = await AppraisalAsync(harness, code);
                return (task != Guid.Empty, $"task={task}");
            });

            var heard = new ConcurrentQueue<(string Node, string Method, JsonObject Body)>();
            await using var onA = await ConnectAsync(a, "A", heard);
            await using var onB = await ConnectAsync(b, "B", heard);

            // The real clock runs here, and a working-day step falls due days away: bring the step's due instant and
            // its breach reminder to a few seconds from now. The minutely reminder-horizon job (on either node) gives
            // the row a Hangfire job, and whichever node's worker takes it fires the breach.
            var due = DateTime.UtcNow.AddSeconds(5);
            due = new DateTime(due.Ticks - due.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
            await ExecuteAsync(harness, """UPDATE tasks SET "DueAt" = @due WHERE "Id" = @task""", due, task);
            Assert.Equal(1, await ExecuteAsync(harness,
                """UPDATE reminders SET "TaskDueAt" = @due, "FireAt" = @due, "HangfireJobId" = NULL WHERE "TaskId" = @task AND "Kind" = 'at-due' AND "Status" = 'pending'""", due, task));

            await harness.WaitUntilAsync("the breach heard on both nodes", TimeSpan.FromSeconds(150), () =>
            {
                var mine = heard.Where(h => h.Body["dossierCode"]?.GetValue<string>() == code).Select(h => $"{h.Node}:{h.Method}").ToList();
                return Task.FromResult((mine.Contains("A:breach") && mine.Contains("B:breach") && mine.Contains("A:notification") && mine.Contains("B:notification"),
                    string.Join(", ", mine)));
            });
            await Task.Delay(TimeSpan.FromSeconds(5)); // past two of the relays' 2-second reads: a double would be here by now
            Assert.Equal([("A", "breach"), ("A", "notification"), ("B", "breach"), ("B", "notification")],
                heard.Where(h => h.Body["dossierCode"]?.GetValue<string>() == code).Select(h => (h.Node, h.Method)).Order());
            var breach = heard.First(h => h is { Node: "B", Method: "breach" }).Body;
            Assert.Equal((code, "20242", task), (breach["dossierCode"]!.GetValue<string>(), breach["unitCode"]!.GetValue<string>(), breach["taskId"]!.GetValue<Guid>()));
            harness.Log($"Heard on both nodes: {string.Join(", ", heard.Select(h => $"{h.Node}:{h.Method}"))}");
        });
    }

    private static async Task<string> ReceiveAsync(ServerProcess node)
    {
        using var reception = await node.SignInAsync("reception.hai-chau", "reception.hai-chau");
        using var response = await reception.PostAsJsonAsync("/api/dossiers", new
        {
            procedureCode = "1.000894", receivingUnit = "20242", channel = 1,
            applicant = new { type = "citizen", name = "Đỗ Văn Hai Máy", idNumber = "048090001234" }, subject = new { unitCode = "20242" },
        });
        await ServerProcess.EnsureAsync(response, "receive a marriage registration");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>();
    }

    private static async Task<Guid> AppraisalAsync(Harness harness, string code)
    {
        await using var connection = new NpgsqlConnection(harness.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT t."Id" FROM tasks t JOIN dossiers d ON d."Id" = t."DossierId"
            WHERE d."Code" = @code AND t."ElementId" = 'appraise' AND t."State" = 'open'
              AND EXISTS (SELECT 1 FROM reminders r WHERE r."TaskId" = t."Id" AND r."Kind" = 'at-due' AND r."Status" = 'pending')
            """, connection);
        command.Parameters.AddWithValue("code", code);
        return await command.ExecuteScalarAsync() is Guid id ? id : Guid.Empty;
    }

    private static async Task<int> ExecuteAsync(Harness harness, string sql, DateTime due, Guid task)
    {
        await using var connection = new NpgsqlConnection(harness.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("due", due);
        command.Parameters.AddWithValue("task", task);
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task<HubConnection> ConnectAsync(ServerProcess node, string name, ConcurrentQueue<(string, string, JsonObject)> heard)
    {
        using var anonymous = new HttpClient { BaseAddress = node.BaseAddress };
        using var token = await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = Manager, password = Manager });
        await ServerProcess.EnsureAsync(token, $"token of {Manager} on {node.Name}");
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(node.BaseAddress, "hubs/notifications"), o =>
            {
                // As the browser connects: WebSockets, the token as ?access_token= (browsers cannot set headers on a WebSocket).
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
            })
            .Build();
        foreach (var method in new[] { "notification", "breach" })
            connection.On<JsonObject>(method, body => heard.Enqueue((name, method, body)));
        await connection.StartAsync();
        return connection;
    }
}
