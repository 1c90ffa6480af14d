using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Data;
using WorkflowHost.Server.Jobs;
using WorkflowHost.Server.Services;
using WorkflowHost.Server.Tests.Infrastructure;

namespace WorkflowHost.Server.Tests.Specification;

/// <summary>
/// Moving running instances to another version: the dry run, batched execution with a crash and a resume, the
/// element map's checks and who may migrate.
/// </summary>
public abstract class MigrationsApiTestBase<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    protected TFixture Fixture { get; } = fixture;

    /// <summary>v1: start → "first" (reception, due in 5 days) → "second" (officer) → end.</summary>
    private static string V1(string key) => Bpmn.Process(key, """
        <startEvent id="start"/>
        <sequenceFlow id="f1" sourceRef="start" targetRef="first"/>
        <userTask id="first" name="Receive dossier" camunda:candidateGroups="reception" camunda:dueDate="P5D"/>
        <sequenceFlow id="f2" sourceRef="first" targetRef="second"/>
        <userTask id="second" name="Appraise dossier" camunda:candidateGroups="officer"/>
        <sequenceFlow id="f3" sourceRef="second" targetRef="end"/>
        <endEvent id="end"/>
        """);

    /// <summary>v2: "first" is renamed "receive" and "second" is gone: start → "receive" → end.</summary>
    private static string V2(string key) => Bpmn.Process(key, """
        <startEvent id="start"/>
        <sequenceFlow id="f1" sourceRef="start" targetRef="receive"/>
        <userTask id="receive" name="Receive and check dossier" camunda:candidateGroups="reception" camunda:dueDate="P5D"/>
        <sequenceFlow id="f2" sourceRef="receive" targetRef="end"/>
        <endEvent id="end"/>
        """);

    private static object Body(string key, object? map = null, IEnumerable<Guid>? instanceIds = null, int from = 1, int to = 2) =>
        new { definitionKey = key, fromVersion = from, toVersion = to, elementMap = map ?? new Dictionary<string, string> { ["first"] = "receive" }, instanceIds };

    /// <summary>Publishes v1 of a new key, starts instances on it (see <see cref="StartOnV1Async"/>), then publishes v2.</summary>
    private async Task<(string Key, List<Guid> Ids)> DeployAndStartAsync(string what, int count, int advanceEvery = 0, string deployer = "owner")
    {
        var client = await Fixture.AsAsync(deployer);
        var key = Bpmn.NewKey(what);
        await client.DeployAsync(V1(key));
        var ids = await StartOnV1Async(key, count, advanceEvery);
        await client.DeployAsync(V2(key), publish: true);
        return (key, ids);
    }

    /// <summary>Starts <paramref name="count"/> instances on v1; every <paramref name="advanceEvery"/>-th is moved on to "second".</summary>
    private async Task<List<Guid>> StartOnV1Async(string key, int count, int advanceEvery = 0)
    {
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var started = await reception.StartAsync(key, Bpmn.NewBusinessKey());
            if (advanceEvery > 0 && i % advanceEvery == 0) await reception.CompleteAsync(started.Tasks.Single().Id);
            ids.Add(started.Id);
        }
        return ids;
    }

    [Fact]
    public virtual async Task Plan_ListsTokenAndTaskMovesAndRefusals_AndChangesNothing()
    {
        var (key, ids) = await DeployAndStartAsync("plan", 3, advanceEvery: 3); // the first goes on to "second", the other two wait at "first"
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var claimed = Assert.Single(await reception.TasksAsync(ids[1]));
        await reception.Http.PostAsync($"/api/tasks/{claimed.Id}/claim", null);
        var owner = await Fixture.AsAsync("owner");

        var response = await owner.Http.PostAsJsonAsync("/api/migrations/plan", Body(key), ApiClient.Json);

        await owner.ExpectAsync(response, HttpStatusCode.OK, "dry run");
        var plan = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((2, 1), (plan["movable"]!.GetValue<int>(), plan["refused"]!.GetValue<int>()));
        var instances = plan["instances"]!.AsArray().ToDictionary(i => i!["instanceId"]!.GetValue<Guid>(), i => i!.AsObject());
        var refused = instances[ids[0]];
        Assert.False(refused["canMigrate"]!.GetValue<bool>());
        Assert.Contains("'second' has no counterpart", refused["problems"]![0]!.GetValue<string>());
        var movable = instances[ids[1]];
        Assert.True(movable["canMigrate"]!.GetValue<bool>());
        var token = Assert.Single(movable["tokens"]!.AsArray())!;
        Assert.Equal(("first", "receive"), (token["fromElementId"]!.GetValue<string>(), token["toElementId"]!.GetValue<string>()));
        var task = Assert.Single(movable["tasks"]!.AsArray())!;
        Assert.Equal((claimed.Id, "first", "receive", "reception.hai-chau"),
            (task["taskId"]!.GetValue<Guid>(), task["fromElementId"]!.GetValue<string>(), task["toElementId"]!.GetValue<string>(), task["assignee"]!.GetValue<string>()));
        Assert.Equal(claimed.DueAt, task["dueAt"]!.GetValue<DateTimeOffset>());
        // A dry run moves nothing.
        foreach (var id in ids) Assert.Equal(1, (await owner.InstanceAsync(id)).Version);
        Assert.Equal("first", Assert.Single(await reception.TasksAsync(ids[1])).ElementId);
    }

    [Fact]
    public virtual async Task Plan_RefusesInstance_WhenItsMultiInstanceTaskBecomesSingle()
    {
        var owner = await Fixture.AsAsync("owner");
        var key = Bpmn.NewKey("opinions");
        string Version(string loop) => Bpmn.Process(key, $"""
            <startEvent id="start"/>
            <sequenceFlow id="f1" sourceRef="start" targetRef="opinions"/>
            <userTask id="opinions" name="Departments give their opinion" camunda:candidateGroups="officer">{loop}</userTask>
            <sequenceFlow id="f2" sourceRef="opinions" targetRef="end"/>
            <endEvent id="end"/>
            """);
        await owner.DeployAsync(Version("<multiInstanceLoopCharacteristics><loopCardinality>3</loopCardinality></multiInstanceLoopCharacteristics>"));
        var started = await owner.StartAsync(key, Bpmn.NewBusinessKey());
        await owner.DeployAsync(Version(""), publish: true);

        var plan = (await (await owner.Http.PostAsJsonAsync("/api/migrations/plan",
            new { definitionKey = key, fromVersion = 1, toVersion = 2, elementMap = new { } }, ApiClient.Json)).Content.ReadFromJsonAsync<JsonObject>())!;

        var instance = Assert.Single(plan["instances"]!.AsArray())!;
        Assert.Equal(started.Id, instance["instanceId"]!.GetValue<Guid>());
        Assert.False(instance["canMigrate"]!.GetValue<bool>());
        Assert.Contains(instance["problems"]!.AsArray(), p => p!.GetValue<string>().Contains("'opinions' is multi-instance", StringComparison.Ordinal));
        Assert.Equal((0, 1), (plan["movable"]!.GetValue<int>(), plan["refused"]!.GetValue<int>()));
    }

    [Fact]
    public virtual async Task Execute_Migrates500InstancesInBatches_AndResumesAfterCrashWithoutDoublingAnyStep()
    {
        const int Count = 500;
        var (key, ids) = await DeployAndStartAsync("bulk", Count, advanceEvery: 10); // 50 stand at "second" (refused), 450 at "first"
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var claimed = Assert.Single(await reception.TasksAsync(ids[1]));
        await reception.Http.PostAsync($"/api/tasks/{claimed.Id}/claim", null);
        var before = await SnapshotAsync(ids);
        var owner = await Fixture.AsAsync("owner");

        // Accept the migration as the API does, but run one batch only: the node then "dies" before the next.
        Guid migrationId;
        using (var scope = Fixture.Factory.Services.CreateScope())
        {
            var actor = new Actor("owner", false, []) { Roles = ["process-owner"] };
            migrationId = (await scope.ServiceProvider.GetRequiredService<MigrationService>().SubmitAsync(
                new MigrationRequest(key, 1, 2, new Dictionary<string, string> { ["first"] = "receive" }, null), actor, CancellationToken.None)).Id;
            Assert.True(await scope.ServiceProvider.GetRequiredService<MigrationRunner>().RunBatchAsync(migrationId, CancellationToken.None));
            // The job that ran it is gone (its id no longer names a live Hangfire job: a restart of in-memory storage, a dead node).
            await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Migrations.Where(m => m.Id == migrationId)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.HangfireJobId, "987654321"));
        }
        var halfway = await owner.GetAsync<JsonObject>($"/api/migrations/{migrationId}");
        Assert.Equal(("running", Count, MigrationRunner.BatchSize, 50, Count - 50 - MigrationRunner.BatchSize, 0),
            (halfway["status"]!.GetValue<string>(), halfway["total"]!.GetValue<int>(), halfway["migrated"]!.GetValue<int>(),
             halfway["refused"]!.GetValue<int>(), halfway["pending"]!.GetValue<int>(), halfway["failed"]!.GetValue<int>()));

        // Resume: the resumer finds no live job and starts one, while a stale job of the first node still runs too.
        using (var scope = Fixture.Factory.Services.CreateScope())
        {
            var jobs = scope.ServiceProvider.GetRequiredService<MigrationJobs>();
            Assert.Equal(1, await jobs.ResumeAsync(CancellationToken.None));
            await jobs.RunAsync(migrationId, CancellationToken.None);
        }
        var done = await WaitForMigrationAsync(owner, migrationId);
        Assert.Equal((Count, Count - 50, 50, 0, 0),
            (done["total"]!.GetValue<int>(), done["migrated"]!.GetValue<int>(), done["refused"]!.GetValue<int>(), done["pending"]!.GetValue<int>(), done["failed"]!.GetValue<int>()));
        Assert.NotNull(done["completedAt"]);

        var after = await SnapshotAsync(ids);
        for (var i = 0; i < Count; i++)
        {
            var id = ids[i];
            var refused = i % 10 == 0;
            Assert.Equal(refused ? 1 : 2, after.Versions[id]);
            // Never re-runs a step: history, tasks (ids and count) are the same rows as before.
            Assert.Equal(before.History[id], after.History[id]);
            Assert.Equal(before.Tasks[id].Select(t => t.Id), after.Tasks[id].Select(t => t.Id));
            Assert.Equal(refused ? 0 : 1, after.Audit[id]);
            if (!refused) Assert.Equal("receive", Assert.Single(after.Tasks[id], t => t.State == "open").ElementId);
        }
        var moved = Assert.Single(after.Tasks[ids[1]], t => t.State == "open");
        Assert.Equal((claimed.Id, "reception.hai-chau", claimed.DueAt, "Receive and check dossier"), (moved.Id, moved.Assignee, moved.DueAt, moved.Name));

        // The moved instance runs on v2: completing "receive" ends it (v1 would have opened "second").
        await reception.CompleteAsync(claimed.Id);
        var finished = await owner.InstanceAsync(ids[1]);
        Assert.Equal(("completed", 2), (finished.Status, finished.Version));
        // History keeps the id a step started under: the one execution of the moved task ended, and no second one began.
        Assert.Equal(1, finished.Completed("first"));
        Assert.Equal(0, finished.Started("receive"));
        Assert.Equal(0, finished.Started("second"));

        // Running the job again after the end finds nothing to do.
        using (var scope = Fixture.Factory.Services.CreateScope())
            Assert.False(await scope.ServiceProvider.GetRequiredService<MigrationRunner>().RunBatchAsync(migrationId, CancellationToken.None));
        var refusedPage = await owner.GetAsync<JsonObject>($"/api/migrations/{migrationId}?outcome=refused&limit=500");
        Assert.Equal(50, refusedPage["instances"]!.AsArray().Count);
        Assert.All(refusedPage["instances"]!.AsArray(), r => Assert.Contains("'second'", r!["reason"]!.GetValue<string>()));
    }

    [Fact]
    public virtual async Task Start_Returns202AndMigratesInTheBackground_WhenOwnerSubmits()
    {
        var (key, ids) = await DeployAndStartAsync("start", 4);
        var owner = await Fixture.AsAsync("owner");

        var response = await owner.Http.PostAsJsonAsync("/api/migrations", Body(key, instanceIds: ids.Take(3)), ApiClient.Json);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = accepted["id"]!.GetValue<Guid>();
        Assert.Equal($"/api/migrations/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(3, accepted["total"]!.GetValue<int>());
        var done = await WaitForMigrationAsync(owner, id);
        Assert.Equal(3, done["migrated"]!.GetValue<int>());
        var versions = await Task.WhenAll(ids.Select(async i => (await owner.InstanceAsync(i)).Version));
        Assert.Equal(new[] { 2, 2, 2, 1 }, versions);
    }

    [Fact]
    public virtual async Task Plan_Returns422NamingTheElement_WhenMapDoesNotFit()
    {
        var (key, ids) = await DeployAndStartAsync("bad-map", 1);
        var owner = await Fixture.AsAsync("owner");

        async Task<JsonObject> Refused(object body, string path = "/api/migrations/plan") =>
            await ApiClient.ProblemAsync(await owner.Http.PostAsJsonAsync(path, body, ApiClient.Json), (HttpStatusCode)422);
        static string Element(JsonObject problem) => problem["errors"]![0]!["elementId"]!.GetValue<string>();
        static string Field(JsonObject problem) => problem["errors"]![0]!["field"]!.GetValue<string>();

        Assert.Equal("nope", Element(await Refused(Body(key, new Dictionary<string, string> { ["nope"] = "receive" }))));
        Assert.Equal("ghost", Element(await Refused(Body(key, new Dictionary<string, string> { ["first"] = "ghost" }))));
        var kind = await Refused(Body(key, new Dictionary<string, string> { ["first"] = "end" }));
        Assert.Equal("end", Element(kind));
        Assert.Contains("UserTask", kind["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Equal("toVersion", Field(await Refused(Body(key, to: 1))));
        Assert.Equal("toVersion", Field(await Refused(Body(key, to: 9))));
        Assert.Equal("fromVersion", Field(await Refused(new { definitionKey = key, toVersion = 2 })));
        Assert.Equal("definitionKey", Field(await Refused(new { fromVersion = 1, toVersion = 2 })));
        Assert.Equal("instanceIds", Field(await Refused(Body(key, instanceIds: [Guid.NewGuid()]))));
        // The same checks guard execution, and a refused request writes nothing.
        Assert.Equal("ghost", Element(await Refused(Body(key, new Dictionary<string, string> { ["first"] = "ghost" }), "/api/migrations")));
        using var scope = Fixture.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        Assert.False(await db.Migrations.AnyAsync(m => m.DefinitionKey == key));
        Assert.Equal(1, (await owner.InstanceAsync(ids[0])).Version);
    }

    [Fact]
    public virtual async Task Migrations_Return403Or404_WhenCallerDoesNotOwnTheProcedure()
    {
        var (key, _) = await DeployAndStartAsync("not-mine", 1, deployer: "admin"); // the admin deployed it: "owner" does not own this key
        var owner = await Fixture.AsAsync("owner");
        var manager = await Fixture.AsAsync("manager.hai-chau");
        var admin = await Fixture.AsAsync("admin");

        await ApiClient.ProblemAsync(await owner.Http.PostAsJsonAsync("/api/migrations/plan", Body(key), ApiClient.Json), HttpStatusCode.Forbidden);
        await ApiClient.ProblemAsync(await owner.Http.PostAsJsonAsync("/api/migrations", Body(key), ApiClient.Json), HttpStatusCode.Forbidden);
        await ApiClient.ProblemAsync(await manager.Http.PostAsJsonAsync("/api/migrations/plan", Body(key), ApiClient.Json), HttpStatusCode.Forbidden);
        await ApiClient.ProblemAsync(await owner.Http.PostAsJsonAsync("/api/migrations/plan", Body(Bpmn.NewKey("unknown")), ApiClient.Json), HttpStatusCode.NotFound);

        var response = await admin.Http.PostAsJsonAsync("/api/migrations", Body(key), ApiClient.Json);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        await WaitForMigrationAsync(admin, id);
        await ApiClient.ProblemAsync(await owner.Http.GetAsync($"/api/migrations/{id}"), HttpStatusCode.NotFound);
        Assert.Empty(await owner.GetAsync<List<JsonObject>>($"/api/migrations?definitionKey={key}"));
        Assert.Equal(id, Assert.Single(await admin.GetAsync<List<JsonObject>>($"/api/migrations?definitionKey={key}"))["id"]!.GetValue<Guid>());
        await ApiClient.ProblemAsync(await admin.Http.GetAsync($"/api/migrations/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await ApiClient.ProblemAsync(await admin.Http.GetAsync($"/api/migrations/{id}?outcome=lost"), (HttpStatusCode)422);
    }

    [Fact]
    public virtual async Task ListInstances_FiltersByVersionStatusAndUnit_And422OnBadValues()
    {
        var (key, v1Ids) = await DeployAndStartAsync("list", 1);
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var onV1 = v1Ids[0];
        var onV2 = await reception.StartAsync(key, Bpmn.NewBusinessKey());
        var admin = await Fixture.AsAsync("admin");

        var v2 = await admin.GetAsync<List<InstanceSummaryDto>>($"/api/instances?definitionKey={key}&version=2");
        Assert.Equal(onV2.Id, Assert.Single(v2).Id);
        var active = await admin.GetAsync<List<InstanceSummaryDto>>($"/api/instances?definitionKey={key}&status=active");
        Assert.Equal(2, active.Count);
        Assert.Empty(await admin.GetAsync<List<InstanceSummaryDto>>($"/api/instances?definitionKey={key}&status=completed"));
        // Instances outside dossiers belong to no unit.
        Assert.Empty(await admin.GetAsync<List<InstanceSummaryDto>>($"/api/instances?definitionKey={key}&unit=20194"));
        Assert.Equal(onV1, Assert.Single(await admin.GetAsync<List<InstanceSummaryDto>>($"/api/instances?definitionKey={key}&version=1")).Id);

        foreach (var (query, field) in new[] { ("status=lost", "status"), ("version=0", "version"), ($"version=1", "version"), ("unit=20%3B194", "unit") })
        {
            var problem = await ApiClient.ProblemAsync(await admin.Http.GetAsync($"/api/instances?{query}"), (HttpStatusCode)422);
            Assert.Equal(field, problem["errors"]![0]!["field"]!.GetValue<string>());
        }
        var incidentProblem = await ApiClient.ProblemAsync(await admin.Http.GetAsync("/api/incidents?version=-1&definitionKey=x"), (HttpStatusCode)422);
        Assert.Equal("version", incidentProblem["errors"]![0]!["field"]!.GetValue<string>());
    }

    private async Task<JsonObject> WaitForMigrationAsync(ApiClient client, Guid id)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var migration = await client.GetAsync<JsonObject>($"/api/migrations/{id}");
            if (migration["status"]!.GetValue<string>() == "completed") return migration;
            if (watch.Elapsed > TimeSpan.FromSeconds(60))
                Assert.Fail($"[{Fixture.Provider}] Migration {id} did not complete: {migration.ToJsonString()}{Environment.NewLine}{Fixture.Logs.Tail()}");
            await Task.Delay(200);
        }
    }

    private sealed record TaskRow(Guid Id, string ElementId, string? Name, string State, string? Assignee, DateTimeOffset? DueAt);

    private sealed record Snapshot(Dictionary<Guid, int> Versions, Dictionary<Guid, int> History, Dictionary<Guid, List<TaskRow>> Tasks, Dictionary<Guid, int> Audit);

    /// <summary>What the database holds for these instances: versions, history row counts, task rows and audit entries.</summary>
    private async Task<Snapshot> SnapshotAsync(IReadOnlyList<Guid> ids)
    {
        using var scope = Fixture.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var versions = await db.Instances.Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.DefinitionVersion);
        var history = (await db.History.Where(h => ids.Contains(h.InstanceId)).Select(h => h.InstanceId).ToListAsync()).GroupBy(i => i).ToDictionary(g => g.Key, g => g.Count());
        var tasks = (await db.Tasks.Where(t => ids.Contains(t.InstanceId)).ToListAsync())
            .GroupBy(t => t.InstanceId).ToDictionary(g => g.Key, g => g.OrderBy(t => t.Id).Select(t => new TaskRow(t.Id, t.ElementId, t.Name, t.State, t.Assignee, t.DueAt)).ToList());
        var audit = (await db.InstanceAudit.Where(a => ids.Contains(a.InstanceId)).Select(a => a.InstanceId).ToListAsync()).GroupBy(i => i).ToDictionary(g => g.Key, g => g.Count());
        foreach (var id in ids) audit.TryAdd(id, 0);
        return new Snapshot(versions, history, tasks, audit);
    }
}
