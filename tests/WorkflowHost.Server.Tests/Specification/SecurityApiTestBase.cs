using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Server.Tests.Infrastructure;

namespace WorkflowHost.Server.Tests.Specification;

/// <summary>
/// The holes of the security review (issue 10), one test each: who may read, list, cancel and message instances;
/// what a completion may not write; bad input that must be refused with problem+json and change nothing; the headers
/// on every response; sessions that survive a second node and die with the account. See docs/security.md.
/// </summary>
public abstract class SecurityApiTestBase<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    protected TFixture Fixture { get; } = fixture;

    private const string StrongPassword = "Correct-Horse-42";

    /// <summary>A user of its own for one test (a second process owner, a clerk whose roles change), signed in by cookie.</summary>
    private async Task<(ApiClient Client, string UserName)> NewUserAsync(string role, string groups = "")
    {
        var name = $"user-{Guid.NewGuid():N}"[..20];
        using (var scope = Fixture.Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = name, Groups = groups, EmailConfirmed = true };
            var created = await users.CreateAsync(user, StrongPassword);
            Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Description)));
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }
        var client = Fixture.Anonymous();
        var login = await client.Http.PostAsJsonAsync("/api/auth/login", new { userName = name, password = StrongPassword });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return (client, name);
    }

    private async Task WithUserAsync(string name, Func<UserManager<AppUser>, AppUser, Task> change)
    {
        using var scope = Fixture.Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        await change(users, (await users.FindByNameAsync(name))!);
    }

    // ------------------------------------------------------------------ instances: read, list, cancel

    [Fact]
    public virtual async Task Instance_Answers404AsIfUnknown_WhenCallerHasNoReasonToSeeIt()
    {
        var owner = await Fixture.AsAsync("owner");
        var admin = await Fixture.AsAsync("admin");
        var key = (await owner.DeployAsync(Bpmn.OneTask(Bpmn.NewKey("private"), groups: "officer"))).Key;
        var started = await admin.StartAsync(key, Bpmn.NewBusinessKey(), new { applicant = "Nguyễn Thị Hoa", idNumber = "079188001234" });
        var (otherOwner, _) = await NewUserAsync("process-owner");
        var reception = await Fixture.AsAsync("reception.hai-chau");

        foreach (var outsider in new[] { reception, otherOwner })
        {
            var hidden = await ApiClient.ProblemAsync(await outsider.Http.GetAsync($"/api/instances/{started.Id}"), HttpStatusCode.NotFound);
            var unknownId = Guid.NewGuid();
            var unknown = await ApiClient.ProblemAsync(await outsider.Http.GetAsync($"/api/instances/{unknownId}"), HttpStatusCode.NotFound);
            Assert.Equal(unknown["detail"]!.GetValue<string>().Replace(unknownId.ToString(), "ID"), hidden["detail"]!.GetValue<string>().Replace(started.Id.ToString(), "ID"));
            Assert.Empty(await outsider.GetAsync<List<InstanceSummaryDto>>($"/api/instances?definitionKey={key}"));
        }

        // A task on it (officer), the manager, the procedure's owner and the admin have a reason.
        foreach (var user in new[] { "officer.hai-chau", "manager.hai-chau", "owner", "admin" })
        {
            var client = await Fixture.AsAsync(user);
            Assert.Equal("Nguyễn Thị Hoa", (await client.InstanceAsync(started.Id)).Variables["applicant"]!.GetValue<string>());
            Assert.Equal(started.Id, Assert.Single(await client.GetAsync<List<InstanceSummaryDto>>($"/api/instances?definitionKey={key}")).Id);
        }
    }

    [Fact]
    public virtual async Task Cancel_IsForAdminsAndTheProcedureOwners_WhenOthersTry()
    {
        var owner = await Fixture.AsAsync("owner");
        var admin = await Fixture.AsAsync("admin");
        var key = (await owner.DeployAsync(Bpmn.OneTask(Bpmn.NewKey("cancel-rights"), groups: "reception"))).Key;
        var first = await admin.StartAsync(key);
        var (otherOwner, _) = await NewUserAsync("process-owner");

        // The reception clerk and the manager see the instance but may not end it; another procedure's owner does not see it.
        foreach (var user in new[] { "reception.hai-chau", "manager.hai-chau" })
            await ApiClient.ProblemAsync(await (await Fixture.AsAsync(user)).Http.PostAsJsonAsync($"/api/instances/{first.Id}/cancel", new { reason = "no" }), HttpStatusCode.Forbidden);
        await ApiClient.ProblemAsync(await otherOwner.Http.PostAsJsonAsync($"/api/instances/{first.Id}/cancel", new { reason = "no" }), HttpStatusCode.NotFound);
        Assert.Equal("active", (await admin.InstanceAsync(first.Id)).Status);

        Assert.Equal(HttpStatusCode.OK, (await owner.Http.PostAsJsonAsync($"/api/instances/{first.Id}/cancel", new { reason = "withdrawn" })).StatusCode);
        var second = await admin.StartAsync(key);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.PostAsJsonAsync($"/api/instances/{second.Id}/cancel", new { reason = "withdrawn" })).StatusCode);
        Assert.Equal("terminated", (await admin.InstanceAsync(first.Id)).Status);
        Assert.Equal("terminated", (await admin.InstanceAsync(second.Id)).Status);
    }

    [Fact]
    public virtual async Task Owners_AreTheDeployerAndWhomTheyName_WhenOwnersListIsSet()
    {
        var owner = await Fixture.AsAsync("owner");
        var admin = await Fixture.AsAsync("admin");
        var key = (await owner.DeployAsync(Bpmn.OneTask(Bpmn.NewKey("owners")))).Key;
        var (colleague, colleagueName) = await NewUserAsync("process-owner");

        // Not an owner yet: may neither deploy a new version of the key nor name owners.
        await ApiClient.ProblemAsync(await colleague.SendDeployAsync(Bpmn.TwoTasks(key), publish: true), HttpStatusCode.Forbidden);
        await ApiClient.ProblemAsync(await colleague.Http.PutAsJsonAsync($"/api/definitions/{key}/owners", new { owners = new[] { colleagueName } }), HttpStatusCode.Forbidden);
        Assert.Single(await admin.VersionsAsync(key));

        var response = await owner.Http.PutAsJsonAsync($"/api/definitions/{key}/owners", new { owners = new[] { "owner", colleagueName } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["owner", colleagueName], (await response.Content.ReadFromJsonAsync<List<string>>(ApiClient.Json))!.Order(StringComparer.Ordinal));

        var started = await admin.StartAsync(key);
        Assert.Equal(started.Id, (await colleague.InstanceAsync(started.Id)).Id);
        Assert.Equal(2, (await colleague.DeployAsync(Bpmn.TwoTasks(key))).Version);
    }

    [Fact]
    public virtual async Task Start_Returns422AndStartsNothing_WhenVersionIsDraftOrRetired()
    {
        var owner = await Fixture.AsAsync("owner");
        var admin = await Fixture.AsAsync("admin");
        var key = Bpmn.NewKey("versions");
        await owner.DeployAsync(Bpmn.OneTask(key), publish: true);   // v1, retired below
        await owner.DeployAsync(Bpmn.OneTask(key), publish: true);   // v2, published
        await owner.DeployAsync(Bpmn.OneTask(key), publish: false);  // v3, draft

        foreach (var version in new[] { 1, 3 })
        {
            var problem = await ApiClient.ProblemAsync(await admin.SendStartAsync(key, version: version), (HttpStatusCode)422);
            Assert.Equal("version", Assert.Single(problem["errors"]!.AsArray())!["field"]!.GetValue<string>());
        }
        Assert.Empty(await admin.GetAsync<List<InstanceSummaryDto>>($"/api/instances?definitionKey={key}"));
        Assert.Equal(2, (await admin.InstanceAsync((await admin.StartAsync(key, version: 2)).Id)).Version);
    }

    // ------------------------------------------------------------------ messages

    [Fact]
    public virtual async Task Correlate_Returns422AndDeliversNothing_WhenStaffNamesNoCorrelation()
    {
        var owner = await Fixture.AsAsync("owner");
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var message = $"broadcast-{Guid.NewGuid():N}";
        var key = (await owner.DeployAsync(Bpmn.WaitForMessage(Bpmn.NewKey("broadcast"), message))).Key;
        var first = await reception.StartAsync(key, Bpmn.NewBusinessKey());
        var second = await reception.StartAsync(key, Bpmn.NewBusinessKey());

        var problem = await ApiClient.ProblemAsync(await reception.SendMessageAsync(message, null, new { paid = true }), (HttpStatusCode)422);
        Assert.Equal("correlationKey", Assert.Single(problem["errors"]!.AsArray())!["field"]!.GetValue<string>());
        Assert.Equal(["paid"], (await reception.InstanceAsync(first.Id)).ActiveElementIds);
        Assert.Equal(["paid"], (await reception.InstanceAsync(second.Id)).ActiveElementIds);

        // The procedure's owner may broadcast (a fee change every waiting dossier must hear about).
        var result = await owner.CorrelateAsync(message, null, new { paid = true });
        Assert.Equal(2, result.Matched);
        Assert.Equal(["issue"], (await reception.InstanceAsync(first.Id)).ActiveElementIds);
    }

    [Fact]
    public virtual async Task Correlate_Returns422AndDeliversNothing_WhenMoreInstancesWaitThanOneRequestMayReach()
    {
        var owner = await Fixture.AsAsync("owner");
        var admin = await Fixture.AsAsync("admin");
        var message = $"too-many-{Guid.NewGuid():N}";
        var key = (await owner.DeployAsync(Bpmn.WaitForMessage(Bpmn.NewKey("cap"), message))).Key;
        var ids = new List<Guid>();
        for (var i = 0; i <= ApiFixture.MaxMessageDeliveries; i++) ids.Add((await admin.StartAsync(key, Bpmn.NewBusinessKey())).Id);

        var problem = await ApiClient.ProblemAsync(await admin.SendMessageAsync(message, null), (HttpStatusCode)422);
        Assert.Contains(ApiFixture.MaxMessageDeliveries.ToString(System.Globalization.CultureInfo.InvariantCulture), problem["detail"]!.GetValue<string>());
        foreach (var id in ids) Assert.Equal(["paid"], (await admin.InstanceAsync(id)).ActiveElementIds);
    }

    // ------------------------------------------------------------------ engine-owned variables

    private static string Opinions(string key) => Bpmn.Process(key, """
        <startEvent id="start"/>
        <sequenceFlow id="f1" sourceRef="start" targetRef="opinion"/>
        <userTask id="opinion" name="Give opinion" camunda:candidateGroups="officer">
          <multiInstanceLoopCharacteristics camunda:collection="${agencies}" camunda:elementVariable="agency"
             wh:outputCollection="opinions" wh:outputElement="${agency + ':' + verdict}"/>
        </userTask>
        <sequenceFlow id="f2" sourceRef="opinion" targetRef="sign"/>
        <userTask id="sign" name="Sign" camunda:candidateGroups="leader"/>
        <sequenceFlow id="f3" sourceRef="sign" targetRef="end"/>
        <endEvent id="end"/>
        """).Replace("<definitions ", "<definitions xmlns:wh=\"https://workflowhost.vn/schema/bpmn/1.0\" ");

    [Theory]
    [InlineData("loopCounter")]
    [InlineData("agency")]
    [InlineData("nrOfCompletedInstances")]
    [InlineData("opinions")]
    public virtual async Task Complete_Returns422AndChangesNothing_WhenVariablesWriteAnEngineOwnedName(string name)
    {
        var owner = await Fixture.AsAsync("owner");
        var officer = await Fixture.AsAsync("officer.hai-chau");
        var key = (await owner.DeployAsync(Opinions(Bpmn.NewKey("owned")))).Key;
        var started = await officer.StartAsync(key, variables: new { agencies = new[] { "police", "land" } });
        var tasks = await officer.TasksAsync(started.Id);
        Assert.Equal(2, tasks.Count);

        var problem = await ApiClient.ProblemAsync(await officer.SendCompleteAsync(tasks[1].Id, new Dictionary<string, object> { ["verdict"] = "yes", [name] = 0 }), (HttpStatusCode)422);
        Assert.Contains(name, problem["detail"]!.GetValue<string>());
        Assert.Equal(2, (await officer.TasksAsync(started.Id)).Count);

        await officer.CompleteAsync(tasks[1].Id, new { verdict = "yes" });
        await officer.CompleteAsync(tasks[0].Id, new { verdict = "yes" });
        var instance = await officer.InstanceAsync(started.Id);
        Assert.Equal("""["police:yes","land:yes"]""", instance.Variables["opinions"]!.ToJsonString());

        // After the gathering, a later step still may not rewrite the agencies' opinions.
        var leader = await Fixture.AsAsync("leader.hai-chau");
        var sign = Assert.Single(await leader.TasksAsync(started.Id));
        await ApiClient.ProblemAsync(await leader.SendCompleteAsync(sign.Id, new { opinions = new[] { "police:no", "land:no" } }), (HttpStatusCode)422);
        Assert.Equal("""["police:yes","land:yes"]""", (await officer.InstanceAsync(started.Id)).Variables["opinions"]!.ToJsonString());
    }

    // ------------------------------------------------------------------ bad input: 4xx problem+json, never 500, nothing changed

    [Theory]
    [InlineData("/api/instances?offset=-1")]
    [InlineData("/api/instances?limit=-5")]
    [InlineData("/api/instances?limit=100000000")]
    [InlineData("/api/tasks?offset=-1")]
    [InlineData("/api/tasks?limit=0")]
    [InlineData("/api/incidents?limit=-1")]
    public virtual async Task List_Returns422NamingField_WhenPagingIsNegativeOrAbsurd(string path)
    {
        var admin = await Fixture.AsAsync("admin");
        var problem = await ApiClient.ProblemAsync(await admin.Http.GetAsync(path), (HttpStatusCode)422);
        var field = Assert.Single(problem["errors"]!.AsArray())!["field"]!.GetValue<string>();
        Assert.Contains(field, path);
    }

    [Fact]
    public virtual async Task Start_Returns422AndStoresNothing_WhenBusinessKeyIsLongerThanTheIndexAllows()
    {
        var owner = await Fixture.AsAsync("owner");
        var admin = await Fixture.AsAsync("admin");
        var key = (await owner.DeployAsync(Bpmn.OneTask(Bpmn.NewKey("long-key")))).Key;

        var problem = await ApiClient.ProblemAsync(await admin.SendStartAsync(key, new string('7', 5000)), (HttpStatusCode)422);
        Assert.Equal("businessKey", Assert.Single(problem["errors"]!.AsArray())!["field"]!.GetValue<string>());
        Assert.Empty(await admin.GetAsync<List<InstanceSummaryDto>>($"/api/instances?definitionKey={key}"));
    }

    [Theory]
    [InlineData("""<process id="KEY" isExecutable="yes"><startEvent id="start"/></process>""", "KEY")]
    [InlineData("""<process id="KEY" isExecutable="true"><startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="again"/><userTask id="again"><standardLoopCharacteristics loopMaximum="x"/></userTask><sequenceFlow id="f2" sourceRef="again" targetRef="end"/><endEvent id="end"/></process>""", "again")]
    [InlineData("""<process id="KEY" isExecutable="true"><startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="ask"/><userTask id="ask"><multiInstanceLoopCharacteristics isSequential="sometimes"><loopCardinality>2</loopCardinality></multiInstanceLoopCharacteristics></userTask><sequenceFlow id="f2" sourceRef="ask" targetRef="end"/><endEvent id="end"/></process>""", "ask")]
    public virtual async Task Deploy_Returns422NamingElement_WhenAnAttributeCannotBeParsed(string process, string elementId)
    {
        var owner = await Fixture.AsAsync("owner");
        var key = Bpmn.NewKey("unparsable");
        var xml = $"""<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">{process.Replace("KEY", key)}</definitions>""";

        var problem = await ApiClient.ProblemAsync(await owner.SendDeployAsync(xml, publish: true), (HttpStatusCode)422);
        var expected = elementId == "KEY" ? key : elementId;
        Assert.Contains(problem["errors"]!.AsArray(), e => e!["elementId"]?.GetValue<string>() == expected);
        await ApiClient.ProblemAsync(await owner.Http.GetAsync($"/api/definitions/{key}/versions"), HttpStatusCode.NotFound);
    }

    [Fact]
    public virtual async Task Start_Returns422_WhenVariablesNestDeeperThanStoredStateCanHold()
    {
        var owner = await Fixture.AsAsync("owner");
        var admin = await Fixture.AsAsync("admin");
        var key = (await owner.DeployAsync(Bpmn.OneTask(Bpmn.NewKey("deep")))).Key;
        JsonNode deep = JsonValue.Create(1);
        for (var i = 0; i < 60; i++) deep = new JsonObject { ["a"] = deep };

        var response = await admin.Http.PostAsJsonAsync("/api/instances", new { definitionKey = key, variables = new JsonObject { ["deep"] = deep } });

        var problem = await ApiClient.ProblemAsync(response, (HttpStatusCode)422);
        Assert.Contains("deep", problem["detail"]!.GetValue<string>());
        Assert.Empty(await admin.GetAsync<List<InstanceSummaryDto>>($"/api/instances?definitionKey={key}"));
    }

    /// <summary>A note taken again and again until a completion sets <c>done</c>; each completion may add a note.</summary>
    private static string NotesLoop(string key) => Bpmn.Process(key, """
        <startEvent id="start"/>
        <sequenceFlow id="f1" sourceRef="start" targetRef="note"/>
        <userTask id="note" name="Add a note" camunda:candidateGroups="reception"/>
        <sequenceFlow id="f2" sourceRef="note" targetRef="more"/>
        <exclusiveGateway id="more"/>
        <sequenceFlow id="again" sourceRef="more" targetRef="note"><conditionExpression>${done != true}</conditionExpression></sequenceFlow>
        <sequenceFlow id="finish" sourceRef="more" targetRef="end"><conditionExpression>${done == true}</conditionExpression></sequenceFlow>
        <endEvent id="end"/>
        """);

    [Fact]
    public virtual async Task Complete_Returns422AndChangesNothing_WhenItsVariablesWouldGrowTheInstancePastItsCap()
    {
        var owner = await Fixture.AsAsync("owner");
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var key = (await owner.DeployAsync(NotesLoop(Bpmn.NewKey("notes")))).Key;
        var started = await reception.StartAsync(key, variables: new { done = false });
        var note = new string('n', ApiFixture.MaxInstanceVariablesBytes / 4);
        for (var i = 0; i < 3; i++) await reception.CompleteAsync(started.Id, "note", new Dictionary<string, object> { [$"note{i}"] = note });
        var before = await reception.InstanceAsync(started.Id);
        var task = await reception.OpenTaskAsync(started.Id, "note");

        var problem = await ApiClient.ProblemAsync(await reception.SendCompleteAsync(task.Id, new Dictionary<string, object> { ["note3"] = note }), (HttpStatusCode)422);

        Assert.Equal("variables", Assert.Single(problem["errors"]!.AsArray())!["field"]!.GetValue<string>());
        Assert.Contains(ApiFixture.MaxInstanceVariablesBytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), problem["detail"]!.GetValue<string>());
        var after = await reception.InstanceAsync(started.Id);
        Assert.Equal(before.Variables.ToJsonString(), after.Variables.ToJsonString());
        Assert.Equal(task.Id, (await reception.OpenTaskAsync(started.Id, "note")).Id);
        Assert.Equal(3, after.Completed("note"));
        // Shrinking is always allowed, so the instance can still finish.
        await reception.CompleteAsync(task.Id, new { done = true, note0 = "" });
        Assert.Equal("completed", (await reception.InstanceAsync(started.Id)).Status);
    }

    [Fact]
    public virtual async Task Script_StopsWithOneIncident_WhenItWouldGrowTheInstancePastItsCap()
    {
        var owner = await Fixture.AsAsync("owner");
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var admin = await Fixture.AsAsync("admin");
        var key = (await owner.DeployAsync(Bpmn.Process(Bpmn.NewKey("hoard"), $"""
            <startEvent id="start"/>
            <sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
            <userTask id="review" name="Review dossier" camunda:candidateGroups="reception"/>
            <sequenceFlow id="f2" sourceRef="review" targetRef="hoard"/>
            <scriptTask id="hoard" scriptFormat="javascript"><script>copy = 'c'.repeat({ApiFixture.MaxInstanceVariablesBytes * 2})</script></scriptTask>
            <sequenceFlow id="f3" sourceRef="hoard" targetRef="end"/>
            <endEvent id="end"/>
            """))).Key;
        var started = await reception.StartAsync(key);

        var completion = await reception.CompleteAsync(started.Id, "review");

        Assert.Equal("incident", completion.InstanceStatus);
        var incident = Assert.Single(await admin.IncidentsAsync(started.Id));
        Assert.Equal("hoard", incident.ElementId);
        Assert.Contains("MaxVariablesBytes", incident.Message);
        Assert.False((await admin.InstanceAsync(started.Id)).Variables.ContainsKey("copy"));
        // A retry runs the script again and stops again: one open incident, never a loop of attempts.
        await admin.Http.PostAsJsonAsync($"/api/incidents/{incident.Id}/retry", new { });
        var open = Assert.Single(await admin.IncidentsAsync(started.Id));
        Assert.Equal("hoard", open.ElementId);
        Assert.False((await admin.InstanceAsync(started.Id)).Variables.ContainsKey("copy"));
    }

    [Fact]
    public virtual async Task Incident_IsNeitherListedNorRetried_ByAnOwnerOfAnotherProcedure()
    {
        var owner = await Fixture.AsAsync("owner");
        var admin = await Fixture.AsAsync("admin");
        var key = (await owner.DeployAsync(Bpmn.Process(Bpmn.NewKey("stuck"), """
            <startEvent id="start"/>
            <sequenceFlow id="f1" sourceRef="start" targetRef="compute"/>
            <scriptTask id="compute" scriptFormat="javascript"><script>fee = feeTable[district]</script></scriptTask>
            <sequenceFlow id="f2" sourceRef="compute" targetRef="end"/>
            <endEvent id="end"/>
            """))).Key;
        var started = await admin.StartAsync(key);
        var incident = Assert.Single(await owner.IncidentsAsync(started.Id));
        var (otherOwner, _) = await NewUserAsync("process-owner");

        Assert.Empty(await otherOwner.IncidentsAsync(started.Id));
        Assert.DoesNotContain(await otherOwner.GetAsync<List<IncidentDto>>("/api/incidents?limit=500"), i => i.Id == incident.Id);
        var hidden = await ApiClient.ProblemAsync(await otherOwner.Http.PostAsJsonAsync($"/api/incidents/{incident.Id}/retry", new { }), HttpStatusCode.NotFound);
        var unknownId = Guid.NewGuid();
        var unknown = await ApiClient.ProblemAsync(await otherOwner.Http.PostAsJsonAsync($"/api/incidents/{unknownId}/retry", new { }), HttpStatusCode.NotFound);
        Assert.Equal(unknown["detail"]!.GetValue<string>().Replace(unknownId.ToString(), "ID"), hidden["detail"]!.GetValue<string>().Replace(incident.Id.ToString(), "ID"));
        Assert.Null(Assert.Single(await admin.IncidentsAsync(started.Id)).ResolvedAt);

        // The procedure's owner may retry it, with the value the script was missing.
        var retried = await owner.Http.PostAsJsonAsync($"/api/incidents/{incident.Id}/retry", new { variables = new { feeTable = new { haiChau = 50000 }, district = "haiChau" } });
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("completed", (await owner.InstanceAsync(started.Id)).Status);
    }

    // ------------------------------------------------------------------ publishing

    [Fact]
    public virtual async Task Publish_LeavesExactlyOnePublishedVersion_WhenPublishesOfOneKeyRace()
    {
        var owner = await Fixture.AsAsync("owner");
        var admin = await Fixture.AsAsync("admin");
        var key = Bpmn.NewKey("publish-race");
        for (var v = 1; v <= 4; v++) await owner.DeployAsync(Bpmn.OneTask(key), publish: v == 1);

        for (var round = 0; round < 8; round++)
        {
            var responses = await Task.WhenAll(Enumerable.Range(2, 3).Select(v => owner.Http.PostAsync($"/api/definitions/{key}/publish?version={v}", null)));
            foreach (var response in responses)
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}{Environment.NewLine}{Fixture.Logs.Tail()}");
            var published = (await admin.VersionsAsync(key)).Where(d => d.Status == "published").ToList();
            Assert.True(published.Count == 1, $"Round {round}: published versions {string.Join(", ", published.Select(p => p.Version))}");
            var start = await admin.SendStartAsync(key);
            Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        }
    }

    // ------------------------------------------------------------------ headers

    [Fact]
    public virtual async Task DefinitionXml_IsAnAttachmentThatIsNeverSniffed_WhenDownloaded()
    {
        var owner = await Fixture.AsAsync("owner");
        var key = (await owner.DeployAsync(Bpmn.OneTask(Bpmn.NewKey("download")))).Key;

        var response = await owner.Http.GetAsync($"/api/definitions/{key}/versions/1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("default-src 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }

    [Theory]
    [InlineData("/api/tasks")]
    [InlineData("/health")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/no-such-page")]
    public virtual async Task EveryResponse_CarriesNosniffFrameDenialAndAContentSecurityPolicy(string path)
    {
        using var anonymous = Fixture.Anonymous();
        var response = await anonymous.Http.GetAsync(path);

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
    }

    [Fact]
    public virtual async Task ApiDocs_HasItsOwnPolicy_ThatNoOtherPathGets()
    {
        using var anonymous = Fixture.Anonymous();
        var docs = Assert.Single((await anonymous.Http.GetAsync("/api/docs")).Headers.GetValues("Content-Security-Policy"));
        var api = Assert.Single((await anonymous.Http.GetAsync("/api/tasks")).Headers.GetValues("Content-Security-Policy"));
        Assert.NotEqual(docs, api);
        Assert.Contains("frame-ancestors 'none'", docs);
        Assert.DoesNotContain("cdn", api);
    }

    // ------------------------------------------------------------------ sessions

    [Fact]
    public virtual async Task Session_StopsWorking_WhenUserIsLockedOutOrLosesARole()
    {
        var (byRole, roleUser) = await NewUserAsync("staff", "reception");
        var (byLock, lockUser) = await NewUserAsync("staff", "reception");
        var tokenResponse = await Fixture.Anonymous().Http.PostAsJsonAsync("/api/auth/token", new { userName = lockUser, password = StrongPassword });
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        using var machine = Fixture.Anonymous();
        ApiClient.UseBearer(machine.Http, token);
        Assert.Equal(HttpStatusCode.OK, (await byRole.Http.GetAsync("/api/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await byLock.Http.GetAsync("/api/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await machine.Http.GetAsync("/api/tasks")).StatusCode);

        await WithUserAsync(roleUser, (users, user) => users.RemoveFromRoleAsync(user, "staff"));
        await WithUserAsync(lockUser, async (users, user) =>
        {
            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddYears(100));
        });

        Assert.NotEqual(HttpStatusCode.OK, (await byRole.Http.GetAsync("/api/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await byLock.Http.GetAsync("/api/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await machine.Http.GetAsync("/api/tasks")).StatusCode);
    }

    [Fact]
    public virtual async Task DataProtectionKeys_LiveInTheDatabase_SoASecondNodeAcceptsTheCookie()
    {
        var officer = await Fixture.AsAsync("officer.hai-chau");
        using (var scope = Fixture.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            Assert.NotEqual(0, await db.Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>().CountAsync());
        }
        using var login = Fixture.Anonymous();
        var response = await login.Http.PostAsJsonAsync("/api/auth/login", new { userName = "officer.hai-chau", password = "officer.hai-chau" });
        var cookie = response.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("workflowhost=", StringComparison.Ordinal)).Split(';')[0];

        await using var secondNode = new WorkflowHostFactory(Fixture.Settings, new RecentLogs());
        using var client = secondNode.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        var me = await client.GetAsync("/api/auth/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.NotNull(officer);
    }

    // ------------------------------------------------------------------ sign-in

    [Fact]
    public virtual async Task Login_Answers429_WhenOneCallerTriesTooOftenForOneUser()
    {
        using var client = Fixture.Anonymous();
        var name = $"nobody-{Guid.NewGuid():N}";
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < ApiFixture.LoginAttemptsPerUser + 2; i++)
            statuses.Add((await client.Http.PostAsJsonAsync("/api/auth/login", new { userName = name, password = "guess-" + i })).StatusCode);

        Assert.All(statuses.Take(ApiFixture.LoginAttemptsPerUser), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        var problem = await ApiClient.ProblemAsync(await client.Http.PostAsJsonAsync("/api/auth/token", new { userName = name, password = "x" }), HttpStatusCode.TooManyRequests);
        Assert.NotNull(problem["detail"]);
    }

    [Fact]
    public virtual async Task Login_TakesAsLongForAnUnknownUserAsForAWrongPassword()
    {
        using var client = Fixture.Anonymous();
        async Task<TimeSpan> TimeAsync(string user)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var response = await client.Http.PostAsJsonAsync("/api/auth/login", new { userName = user, password = "wrong-password" });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            return watch.Elapsed;
        }
        var known = new List<TimeSpan>();
        var unknown = new List<TimeSpan>();
        foreach (var user in new[] { "manager.hai-chau", "leader.hai-chau", "owner" })
        {
            known.Add(await TimeAsync(user));
            unknown.Add(await TimeAsync($"ghost-{Guid.NewGuid():N}"));
        }
        var knownMedian = known.Order().ElementAt(1);
        var unknownMedian = unknown.Order().ElementAt(1);
        // Hashing a password (PBKDF2) is most of a wrong-password answer; an unknown user that skips it answers many times faster.
        Assert.True(unknownMedian * 3 > knownMedian, $"unknown user {unknownMedian.TotalMilliseconds:0} ms vs wrong password {knownMedian.TotalMilliseconds:0} ms");
    }
}
