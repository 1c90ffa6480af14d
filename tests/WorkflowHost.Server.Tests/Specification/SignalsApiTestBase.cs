using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WorkflowHost.Server.Tests.Infrastructure;

namespace WorkflowHost.Server.Tests.Specification;

public sealed record OutboxItemDto(long Id, string Kind, string Name, string? CorrelationKey, Guid? ThrownByInstanceId, string Status, int Attempts,
    string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt);

/// <summary>
/// Signals broadcast through the API and thrown by processes, and messages between instances: delivered by the
/// outbox job after the throwing step committed, each instance reached once, undeliverable messages kept and retried.
/// </summary>
public abstract class SignalsApiTestBase<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    protected TFixture Fixture { get; } = fixture;

    private static string WaitsForSignal(string key, string signal) => Bpmn.Process(key, """
        <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="heard"/>
        <intermediateCatchEvent id="heard"><signalEventDefinition signalRef="sig"/></intermediateCatchEvent>
        <sequenceFlow id="f2" sourceRef="heard" targetRef="end"/><endEvent id="end"/>
        """, extraRoot: $"""<signal id="sig" name="{signal}"/>""");

    private static string StartedBySignal(string key, string signal) => Bpmn.Process(key, """
        <startEvent id="announced"><signalEventDefinition signalRef="sig"/></startEvent>
        <sequenceFlow id="f1" sourceRef="announced" targetRef="notify"/><userTask id="notify" camunda:candidateGroups="reception"/>
        <sequenceFlow id="f2" sourceRef="notify" targetRef="end"/><endEvent id="end"/>
        """, extraRoot: $"""<signal id="sig" name="{signal}"/>""");

    private static string ThrowsSignal(string key, string signal) => Bpmn.Process(key, """
        <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="announce"/>
        <endEvent id="announce"><signalEventDefinition signalRef="sig"/></endEvent>
        """, extraRoot: $"""<signal id="sig" name="{signal}"/>""");

    private static string SendsMessage(string key, string message) => Bpmn.Process(key, """
        <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="send"/>
        <intermediateThrowEvent id="send"><messageEventDefinition messageRef="msg"/></intermediateThrowEvent>
        <sequenceFlow id="f2" sourceRef="send" targetRef="end"/><endEvent id="end"/>
        """, extraRoot: $"""<message id="msg" name="{message}"/>""");

    private static async Task<OutboxItemDto> WaitForOutboxAsync(ApiClient client, Func<OutboxItemDto, bool> match, string status, string what)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var rows = await client.GetAsync<List<OutboxItemDto>>("/api/outbox");
            if (rows.FirstOrDefault(match) is { } row && row.Status == status) return row;
            if (watch.Elapsed > TimeSpan.FromSeconds(30))
                Assert.Fail($"Timed out waiting for {what} to be {status}; rows: {string.Join("; ", rows.Take(5))}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public virtual async Task Broadcast_ReachesEveryWaitingInstance_AndStartsSignalStartProcedures()
    {
        var owner = await Fixture.AsAsync("owner");
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var signal = $"holiday-{Guid.NewGuid():N}";
        var waiting = (await owner.DeployAsync(WaitsForSignal(Bpmn.NewKey("holiday"), signal))).Key;
        var starting = (await owner.DeployAsync(StartedBySignal(Bpmn.NewKey("notice"), signal))).Key;
        var instances = new List<Guid>();
        for (var i = 0; i < 3; i++) instances.Add((await reception.StartAsync(waiting, Bpmn.NewBusinessKey())).Id);
        var other = (await reception.StartAsync((await owner.DeployAsync(WaitsForSignal(Bpmn.NewKey("other"), $"other-{Guid.NewGuid():N}"))).Key, Bpmn.NewBusinessKey())).Id;

        var response = await owner.Http.PostAsJsonAsync("/api/signals", new { name = signal, variables = new { holiday = "2026-09-02" } });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var outboxId = (await response.Content.ReadFromJsonAsync<JsonObject>())!["outboxId"]!.GetValue<long>();

        foreach (var id in instances)
        {
            var done = await owner.WaitForStatusAsync(id, "completed", TimeSpan.FromSeconds(30));
            Assert.Equal("2026-09-02", done.Variables["holiday"]!.GetValue<string>());
            Assert.Equal(1, done.Completed("heard"));
        }
        var row = await WaitForOutboxAsync(owner, o => o.Id == outboxId, "done", "the broadcast");
        Assert.Equal(1, row.Attempts);
        var started = await owner.GetAsync<List<InstanceSummaryDto>>($"/api/instances?definitionKey={starting}");
        Assert.Single(started);
        Assert.Equal(["announced"], (await owner.InstanceAsync(started[0].Id)).History.Where(h => h.ElementId == "announced").Select(h => h.ElementId).ToList());
        Assert.Equal(["heard"], (await owner.InstanceAsync(other)).ActiveElementIds);
    }

    [Fact]
    public virtual async Task ThrownSignal_ReachesAnotherInstance_AfterTheThrowerCommitted()
    {
        var owner = await Fixture.AsAsync("owner");
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var signal = $"suspended-{Guid.NewGuid():N}";
        var listener = (await reception.StartAsync((await owner.DeployAsync(WaitsForSignal(Bpmn.NewKey("listener"), signal))).Key, Bpmn.NewBusinessKey())).Id;

        var thrower = await reception.StartAsync((await owner.DeployAsync(ThrowsSignal(Bpmn.NewKey("thrower"), signal))).Key, Bpmn.NewBusinessKey());

        Assert.Equal("completed", (await owner.InstanceAsync(thrower.Id)).Status);
        await owner.WaitForStatusAsync(listener, "completed", TimeSpan.FromSeconds(30));
        var row = await WaitForOutboxAsync(owner, o => o.ThrownByInstanceId == thrower.Id, "done", "the thrown signal");
        Assert.Equal("signal", row.Kind);
    }

    [Fact]
    public virtual async Task ThrownMessage_IsKeptUndeliverable_UntilItsReceiverWaits_ThenRetryDeliversIt()
    {
        var owner = await Fixture.AsAsync("owner");
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var message = $"opinion-{Guid.NewGuid():N}";
        var receiverKey = (await owner.DeployAsync(Bpmn.WaitForMessage(Bpmn.NewKey("receiver"), message))).Key;
        var senderKey = (await owner.DeployAsync(SendsMessage(Bpmn.NewKey("sender"), message))).Key;
        var dossier = Bpmn.NewBusinessKey();
        var unrelated = (await reception.StartAsync(receiverKey, Bpmn.NewBusinessKey())).Id;

        var sender = await reception.StartAsync(senderKey, dossier, new { opinion = "agreed" });
        var row = await WaitForOutboxAsync(owner, o => o.ThrownByInstanceId == sender.Id, "undeliverable", "the message");
        Assert.Equal(dossier, row.CorrelationKey);
        Assert.Contains("No instance waits", row.LastError);

        var receiver = (await reception.StartAsync(receiverKey, dossier)).Id;
        var retried = await owner.Http.PostAsync($"/api/outbox/{row.Id}/retry", null);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var advanced = await owner.WaitForInstanceAsync(receiver, i => i.ActiveElementIds.SequenceEqual(["issue"]), TimeSpan.FromSeconds(30), "the message to arrive");
        Assert.Equal("agreed", advanced.Variables["opinion"]!.GetValue<string>());
        var done = await WaitForOutboxAsync(owner, o => o.Id == row.Id, "done", "the retried message");
        Assert.Equal(2, done.Attempts);
        Assert.Equal(["paid"], (await owner.InstanceAsync(unrelated)).ActiveElementIds); // another dossier's wait is not reached

        // A retry of a delivered row is refused and changes nothing.
        var again = await owner.Http.PostAsync($"/api/outbox/{row.Id}/retry", null);
        await ApiClient.ProblemAsync(again, HttpStatusCode.Conflict);
    }

    [Fact]
    public virtual async Task Broadcast_Returns422NamingName_WhenNameMissing_AndWritesNothing()
    {
        var owner = await Fixture.AsAsync("owner");
        var before = (await owner.GetAsync<List<OutboxItemDto>>("/api/outbox")).Count;
        var problem = await ApiClient.ProblemAsync(await owner.Http.PostAsJsonAsync("/api/signals", new { name = " " }), (HttpStatusCode)422);
        Assert.Contains("name", problem.ToJsonString());
        Assert.Equal(before, (await owner.GetAsync<List<OutboxItemDto>>("/api/outbox")).Count);
    }

    [Fact]
    public virtual async Task Broadcast_IsForbidden_ToReception()
    {
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var response = await reception.Http.PostAsJsonAsync("/api/signals", new { name = "holiday" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public virtual async Task Retry_Returns404_ForAnUnknownRow()
    {
        var owner = await Fixture.AsAsync("owner");
        await ApiClient.ProblemAsync(await owner.Http.PostAsync("/api/outbox/987654321/retry", null), HttpStatusCode.NotFound);
    }
}
