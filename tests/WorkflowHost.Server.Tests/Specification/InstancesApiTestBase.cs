using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WorkflowHost.Server.Tests.Infrastructure;

namespace WorkflowHost.Server.Tests.Specification;

/// <summary>Starting, reading, listing and cancelling process instances.</summary>
public abstract class InstancesApiTestBase<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    protected TFixture Fixture { get; } = fixture;

    private async Task<string> DeployAsync(string xml)
    {
        var owner = await Fixture.AsAsync("owner");
        return (await owner.DeployAsync(xml)).Key;
    }

    [Fact]
    public virtual async Task Start_Returns201WithIdStatusAndActiveElements_WhenDefinitionPublished()
    {
        var key = await DeployAsync(Bpmn.OneTask(Bpmn.NewKey("start")));
        var reception = await Fixture.AsAsync("reception.hai-chau");

        var response = await reception.SendStartAsync(key, Bpmn.NewBusinessKey());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = body["id"]!.GetValue<Guid>();
        Assert.NotEqual(Guid.Empty, id);
        Assert.Equal($"/api/instances/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("active", body["status"]!.GetValue<string>());
        Assert.Equal(["review"], body["activeElementIds"]!.AsArray().Select(e => e!.GetValue<string>()));
    }

    [Fact]
    public virtual async Task Get_ShowsVariablesHistoryAndActiveElements_WhenInstanceWaits()
    {
        var key = await DeployAsync(Bpmn.OneTask(Bpmn.NewKey("read")));
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var businessKey = Bpmn.NewBusinessKey();
        var started = await reception.StartAsync(key, businessKey, new { applicant = "Nguyễn Thị Lan", copies = 2, urgent = true });

        var instance = await reception.InstanceAsync(started.Id);

        Assert.Equal((key, 1, businessKey, "active"), (instance.DefinitionKey, instance.Version, instance.BusinessKey, instance.Status));
        Assert.Equal("Nguyễn Thị Lan", instance.Variables["applicant"]!.GetValue<string>());
        Assert.Equal(2, instance.Variables["copies"]!.GetValue<int>());
        Assert.True(instance.Variables["urgent"]!.GetValue<bool>());
        Assert.Equal(["review"], instance.ActiveElementIds);
        Assert.Equal(1, instance.Completed("start"));
        var review = Assert.Single(instance.History, h => h.ElementId == "review");
        Assert.Null(review.EndedAt);
        Assert.Equal("userTask", review.ElementType);
        Assert.Null(instance.EndedAt);
        Assert.Empty(instance.Incidents);
    }

    [Fact]
    public virtual async Task Get_Returns404Problem_WhenIdUnknown()
    {
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var id = Guid.NewGuid();
        var problem = await ApiClient.ProblemAsync(await reception.Http.GetAsync($"/api/instances/{id}"), HttpStatusCode.NotFound);
        Assert.Contains(id.ToString(), problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public virtual async Task Start_Returns404Problem_WhenDefinitionKeyUnknown()
    {
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var key = Bpmn.NewKey("unknown");
        var problem = await ApiClient.ProblemAsync(await reception.SendStartAsync(key), HttpStatusCode.NotFound);
        Assert.Contains(key, problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public virtual async Task Start_Returns422NamingField_WhenDefinitionKeyMissing()
    {
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var response = await reception.Http.PostAsJsonAsync("/api/instances", new { definitionKey = "", businessKey = "x" });
        var problem = await ApiClient.ProblemAsync(response, (HttpStatusCode)422);
        Assert.Equal("definitionKey", Assert.Single(problem["errors"]!.AsArray())!["field"]!.GetValue<string>());
    }

    [Fact]
    public virtual async Task Start_Returns400Problem_WhenVariablesAreNotAnObject()
    {
        var key = await DeployAsync(Bpmn.OneTask(Bpmn.NewKey("bad-json")));
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var response = await reception.Http.PostAsync("/api/instances",
            new StringContent($$"""{"definitionKey":"{{key}}","variables":[1,2,3]}""", System.Text.Encoding.UTF8, "application/json"));
        await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Empty(await (await Fixture.AsAsync("admin")).GetAsync<List<JsonObject>>($"/api/instances?definitionKey={key}"));
    }

    [Fact]
    public virtual async Task Cancel_TerminatesInstanceAndCancelsItsTasks_WhenActive()
    {
        var key = await DeployAsync(Bpmn.OneTask(Bpmn.NewKey("cancel")));
        // The procedure's owner (who deployed it) may cancel its instances; a manager may not (SecurityApiTestBase).
        var manager = await Fixture.AsAsync("owner");
        var admin = await Fixture.AsAsync("admin");
        var started = await admin.StartAsync(key);
        var task = Assert.Single(await admin.TasksAsync(started.Id));

        var response = await manager.Http.PostAsJsonAsync($"/api/instances/{started.Id}/cancel", new { reason = "Applicant withdrew the dossier" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("terminated", (await response.Content.ReadFromJsonAsync<StartedDto>(ApiClient.Json))!.Status);
        var instance = await admin.InstanceAsync(started.Id);
        Assert.Equal("terminated", instance.Status);
        Assert.Empty(instance.ActiveElementIds);
        Assert.NotNull(instance.EndedAt);
        Assert.Empty(await admin.TasksAsync(started.Id));
        var cancelled = Assert.Single(await admin.TasksAsync(started.Id, state: "cancelled"));
        Assert.Equal(task.Id, cancelled.Id);
        await ApiClient.ProblemAsync(await admin.SendCompleteAsync(task.Id), HttpStatusCode.Conflict);
        await ApiClient.ProblemAsync(await manager.Http.PostAsJsonAsync($"/api/instances/{started.Id}/cancel", new { reason = "again" }), HttpStatusCode.Conflict);
    }

    [Fact]
    public virtual async Task Instance_StaysOnItsVersion_WhenNewVersionPublished()
    {
        var owner = await Fixture.AsAsync("owner");
        var admin = await Fixture.AsAsync("admin");
        var key = Bpmn.NewKey("pinned");
        await owner.DeployAsync(Bpmn.OneTask(key, taskId: "review"));
        var onV1 = await admin.StartAsync(key);

        // Version 2 renames the step and adds one: the running instance must not notice.
        await owner.DeployAsync(Bpmn.TwoTasks(key));
        var onV2 = await admin.StartAsync(key);
        Assert.Equal(["first"], onV2.ActiveElementIds);
        Assert.Equal(2, (await admin.InstanceAsync(onV2.Id)).Version);

        var before = await admin.InstanceAsync(onV1.Id);
        Assert.Equal((1, "active"), (before.Version, before.Status));
        Assert.Equal(["review"], before.ActiveElementIds);
        await admin.CompleteAsync(onV1.Id, "review");
        var after = await admin.InstanceAsync(onV1.Id);
        Assert.Equal((1, "completed"), (after.Version, after.Status));
        Assert.Equal(1, after.Completed("end"));
    }

    [Fact]
    public virtual async Task List_FiltersByBusinessKeyAndStatus_WhenSeveralInstancesExist()
    {
        var key = await DeployAsync(Bpmn.OneTask(Bpmn.NewKey("list")));
        var admin = await Fixture.AsAsync("admin");
        var wanted = Bpmn.NewBusinessKey();
        var first = await admin.StartAsync(key, wanted);
        var other = await admin.StartAsync(key, Bpmn.NewBusinessKey());
        await admin.CompleteAsync(other.Id, "review");

        var byBusinessKey = await admin.GetAsync<List<JsonObject>>($"/api/instances?businessKey={Uri.EscapeDataString(wanted)}");
        Assert.Equal(first.Id, Assert.Single(byBusinessKey)["id"]!.GetValue<Guid>());

        var completed = await admin.GetAsync<List<JsonObject>>($"/api/instances?definitionKey={key}&status=completed");
        Assert.Equal(other.Id, Assert.Single(completed)["id"]!.GetValue<Guid>());
        Assert.Equal(2, (await admin.GetAsync<List<JsonObject>>($"/api/instances?definitionKey={key}")).Count);
    }

    [Fact]
    public virtual async Task Instances_Return401_WhenNotSignedIn()
    {
        using var anonymous = Fixture.Anonymous();
        await ApiClient.ProblemAsync(await anonymous.Http.GetAsync("/api/instances"), HttpStatusCode.Unauthorized);
        await ApiClient.ProblemAsync(await anonymous.SendStartAsync("anything"), HttpStatusCode.Unauthorized);
    }
}
