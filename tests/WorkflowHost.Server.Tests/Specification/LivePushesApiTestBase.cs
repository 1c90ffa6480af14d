using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Server.Reminders;
using WorkflowHost.Server.Tests.Infrastructure;

namespace WorkflowHost.Server.Tests.Specification;

/// <summary>
/// Live pushes when the service runs on two nodes on one database (two hosts in this process, each with its own hub,
/// Hangfire server and relay): a breach of the shipped marriage registration fires on node A while the people it
/// concerns are connected to node B, to A, or to both. On PostgreSQL every connection hears it exactly once, whichever
/// node holds it; the embedded SQLite setup is one node, so only node A's connections hear it and nothing is logged.
/// </summary>
public abstract class LivePushesApiTestBase<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture, IHostFixture<ReminderSetup>
{
    protected TFixture Fixture { get; } = fixture;

    /// <summary>Whether pushes cross nodes (PostgreSQL); else the node that fired is the only one that pushes.</summary>
    protected abstract bool RelaysAcrossNodes { get; }

    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);
    protected static DateTimeOffset Local(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, Vietnam);

    [Fact]
    public virtual async Task Breach_FiredOnNodeA_ReachesTheUnitsConnectionsOnEveryNode_ExactlyOnce()
    {
        Fixture.Setup.Clock.Now = Local(12, 7, 8); // Monday
        var code = await ReceiveAsync("Phan Văn Hai Nút");
        using var officer = await SignInAsync("officer.hai-chau");
        var appraise = await OpenTaskAsync(officer, code, "appraise");
        await using var nodeB = Fixture.SecondNode();
        _ = nodeB.Server;

        // Connected at the breach's instant: a bearer token lives an hour of the host's clock, which the test moves by hours.
        Fixture.Setup.Clock.Now = Local(12, 7, 13, 30);
        var heard = new ConcurrentQueue<Heard>();
        await using var managerOnB = await ConnectAsync(nodeB, "manager.hai-chau", "B", heard);
        await using var managerOnA = await ConnectAsync(Fixture.Factory, "manager.hai-chau", "A", heard); // a second tab, on the other node
        await using var leaderOnB = await ConnectAsync(nodeB, "leader.hai-chau", "B", heard);
        await using var officerOnB = await ConnectAsync(nodeB, "officer.hai-chau", "B", heard);
        await using var otherUnitOnB = await ConnectAsync(nodeB, "manager.thanh-khe", "B", heard);
        await FireDueAsync(code, Fixture.Factory.Services);

        // Each is told of its own notification and, being of unit 20242, of the unit's breach (the dashboard's feed).
        var expected = new List<(string, string, string)>
        {
            ("A", "manager.hai-chau", "notification"), ("A", "manager.hai-chau", "breach"),
        };
        if (RelaysAcrossNodes)
            expected.AddRange([
                ("B", "manager.hai-chau", "notification"), ("B", "manager.hai-chau", "breach"),
                ("B", "leader.hai-chau", "notification"), ("B", "leader.hai-chau", "breach"),
                ("B", "officer.hai-chau", "notification"), ("B", "officer.hai-chau", "breach"),
            ]);
        await WaitAsync(() => expected.All(e => heard.Any(h => (h.Node, h.User, h.Method) == e && h.About(code))), "every connection's pushes");
        await Task.Delay(3 * ReminderSetup.LiveRelayPollInterval); // a double would come with the next reads
        var mine = heard.Where(h => h.About(code)).Select(h => (h.Node, h.User, h.Method)).Order().ToList();
        Assert.Equal(expected.Order(), mine);

        // The payloads are a local push's: the dashboard's breach and the bell's item, with the notification's own id.
        var (node, who) = RelaysAcrossNodes ? ("B", "officer.hai-chau") : ("A", "manager.hai-chau");
        var breach = heard.Single(h => (h.Node, h.User, h.Method) == (node, who, "breach") && h.About(code)).Body;
        Assert.Equal((code, "20242", appraise), (breach["dossierCode"]!.GetValue<string>(), breach["unitCode"]!.GetValue<string>(), breach["taskId"]!.GetValue<Guid>()));
        Assert.Equal(Local(12, 7, 13, 30), breach["dueAt"]!.GetValue<DateTimeOffset>());
        var note = heard.Single(h => (h.Node, h.User, h.Method) == (node, who, "notification") && h.About(code)).Body;
        var row = await WithDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.Id == note["id"]!.GetValue<long>()));
        Assert.Equal((who, code, row.Kind, (string?)null), (row.Recipient, note["dossierCode"]!.GetValue<string>(), note["kind"]!.GetValue<string>(), note["readAt"]?.GetValue<string>()));
        // Only the relay writes the log: three notifications and the breach.
        Assert.Equal(RelaysAcrossNodes ? 4 : 0, await WithDbAsync(db => db.LivePushes.CountAsync(p => p.Payload.Contains(code))));
    }

    // ------------------------------------------------------------------ helpers

    protected sealed record Heard(string Node, string User, string Method, JsonObject Body, long At)
    {
        public bool About(string code) => Body["dossierCode"]?.GetValue<string>() == code;
    }

    protected async Task<ApiClient> SignInAsync(string user)
    {
        var client = Fixture.Anonymous();
        var response = await client.Http.PostAsJsonAsync("/api/auth/login", new { userName = user, password = user });
        await client.ExpectAsync(response, HttpStatusCode.OK, $"sign-in of {user}");
        return client;
    }

    protected async Task<string> ReceiveAsync(string applicant)
    {
        using var reception = await SignInAsync("reception.hai-chau");
        var response = await reception.Http.PostAsJsonAsync("/api/dossiers", new
        {
            procedureCode = "1.000894", receivingUnit = "20242", channel = 1,
            applicant = new { type = "citizen", name = applicant, idNumber = "048090001234" }, subject = new { unitCode = "20242" },
        });
        await reception.ExpectAsync(response, HttpStatusCode.Created, "POST /api/dossiers");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>();
    }

    protected static async Task<Guid> OpenTaskAsync(ApiClient client, string code, string elementId)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var task = (await client.GetAsync<JsonArray>($"/api/tasks?q={code}")).Select(t => t!.AsObject())
                .FirstOrDefault(t => t["elementId"]!.GetValue<string>() == elementId);
            if (task is not null) return task["id"]!.GetValue<Guid>();
            if (DateTime.UtcNow > until) Assert.Fail($"No open task '{elementId}' of dossier {code} appeared in the inbox.");
            await Task.Delay(100);
        }
    }

    protected async Task<T> WithDbAsync<T>(Func<WorkflowDbContext, Task<T>> read)
    {
        using var scope = Fixture.Factory.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<WorkflowDbContext>());
    }

    /// <summary>What Hangfire does at the clock's instant on <paramref name="node"/>: the job of each due reminder of the dossier.</summary>
    protected async Task FireDueAsync(string code, IServiceProvider node)
    {
        foreach (var id in await DueRemindersAsync(code))
        {
            using var scope = node.CreateScope();
            await scope.ServiceProvider.GetRequiredService<ReminderJobs>().FireAsync(id, CancellationToken.None);
        }
    }

    /// <summary>The reminders of the dossier due at the clock's instant (only this test's: other tests leave rows behind).</summary>
    protected Task<List<Guid>> DueRemindersAsync(string code)
    {
        var now = Fixture.Setup.Clock.Now;
        return WithDbAsync(db => db.Reminders.Where(r => r.Status == RowStatus.Pending && r.FireAt <= now
            && db.Dossiers.Any(d => d.Id == r.DossierId && d.Code == code)).Select(r => r.Id).ToListAsync());
    }

    /// <summary>A hub connection of <paramref name="user"/> to one node; what it hears goes to <paramref name="heard"/>, time-stamped.</summary>
    protected async Task<HubConnection> ConnectAsync(WorkflowHostFactory node, string user, string nodeName, ConcurrentQueue<Heard> heard)
    {
        using var anonymous = Fixture.Anonymous();
        var token = await anonymous.Http.PostAsJsonAsync("/api/auth/token", new { userName = user, password = user });
        await anonymous.ExpectAsync(token, HttpStatusCode.OK, $"token of {user}");
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        var server = node.Server;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "hubs/notifications"), o =>
            {
                // The test server has no sockets: long polling over its in-memory handler, the token in the Authorization header.
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                o.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
            })
            .Build();
        foreach (var method in new[] { "notification", "breach" })
            connection.On<JsonObject>(method, body => heard.Enqueue(new Heard(nodeName, user, method, body, Stopwatch.GetTimestamp())));
        await connection.StartAsync();
        return connection;
    }

    protected Task WaitAsync(Func<bool> condition, string what) => WaitAsync(() => Task.FromResult(condition()), what);

    protected async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > until) Assert.Fail($"Timed out waiting for {what}.{Environment.NewLine}{Fixture.Logs.Tail()}");
            await Task.Delay(20);
        }
    }
}
