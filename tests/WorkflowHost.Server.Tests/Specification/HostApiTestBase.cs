using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using WorkflowHost.Server.Tests.Infrastructure;

namespace WorkflowHost.Server.Tests.Specification;

/// <summary>What operators and integrators reach besides the resources: health, OpenAPI, API docs, Hangfire dashboard, public lookup.</summary>
public abstract class HostApiTestBase<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    protected TFixture Fixture { get; } = fixture;

    [Fact]
    public virtual async Task Health_Returns200WithDatabaseAndHangfireHealthy_WhenHostRuns()
    {
        using var anonymous = Fixture.Anonymous();
        // The Hangfire server announces itself shortly after start-up; until then the check is rightly unhealthy.
        var watch = Stopwatch.StartNew();
        HttpResponseMessage response;
        while ((response = await anonymous.Http.GetAsync("/health")).StatusCode != HttpStatusCode.OK && watch.Elapsed < TimeSpan.FromSeconds(15))
            await Task.Delay(200);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/health answered {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var health = JsonNode.Parse(body)!.AsObject();
        Assert.Equal("healthy", health["status"]!.GetValue<string>());
        Assert.Equal("healthy", health["checks"]!["database"]!["status"]!.GetValue<string>());
        Assert.Equal("healthy", health["checks"]!["hangfire"]!["status"]!.GetValue<string>());
        Assert.True(health["checks"]!["hangfire"]!["data"]!["servers"]!.GetValue<int>() >= 1);
    }

    [Fact]
    public virtual async Task OpenApi_ReturnsJsonListingInstancesPath_WhenRequestedAnonymously()
    {
        using var anonymous = Fixture.Anonymous();
        var response = await anonymous.Http.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.StartsWith("3.", document["openapi"]!.GetValue<string>());
        var paths = document["paths"]!.AsObject();
        Assert.True(paths.ContainsKey("/api/instances"), "paths: " + string.Join(", ", paths.Select(p => p.Key)));
        Assert.True(paths.ContainsKey("/api/tasks/{id}/complete"));
        Assert.NotNull(paths["/api/instances"]!["post"]);
    }

    [Fact]
    public virtual async Task ApiDocs_ReturnsHtmlPage_WhenRequested()
    {
        using var anonymous = Fixture.Anonymous();
        var response = await anonymous.Http.GetAsync("/api/docs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("WorkflowHost API", html);
    }

    [Fact]
    public virtual async Task HangfireDashboard_Returns401_WhenNotSignedIn()
    {
        using var anonymous = Fixture.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.Http.GetAsync("/hangfire")).StatusCode);
    }

    [Theory]
    [InlineData("reception.hai-chau")]
    [InlineData("manager.hai-chau")]
    [InlineData("owner")]
    public virtual async Task HangfireDashboard_Returns403_WhenNotAdmin(string user)
    {
        var client = await Fixture.AsAsync(user);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync("/hangfire")).StatusCode);
    }

    [Fact]
    public virtual async Task HangfireDashboard_Returns200Html_WhenAdmin()
    {
        var admin = await Fixture.AsAsync("admin");
        var response = await admin.Http.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public virtual async Task PublicLookup_AnswersNotFound_ForAnInstanceThatIsNoDossier()
    {
        // The public lookup reads dossiers only: a process instance started with the same key (by mistake or on purpose)
        // can neither appear as a dossier nor shadow one.
        var key = (await (await Fixture.AsAsync("owner")).DeployAsync(Bpmn.OneTask(Bpmn.NewKey("lookup")))).Key;
        var businessKey = Bpmn.NewBusinessKey();
        await (await Fixture.AsAsync("reception.hai-chau")).StartAsync(key, businessKey, new { applicant = "Trần Văn Bình", idNumber = "001099012345" });
        using var citizen = Fixture.Anonymous();

        var response = await citizen.Http.GetAsync($"/api/public/dossiers/{Uri.EscapeDataString(businessKey)}");

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.DoesNotContain("Trần Văn Bình", problem.ToJsonString());
    }

    [Fact]
    public virtual async Task PublicLookup_Returns404Problem_WhenCodeUnknown()
    {
        using var citizen = Fixture.Anonymous();
        var code = Bpmn.NewBusinessKey();
        var problem = await ApiClient.ProblemAsync(await citizen.Http.GetAsync($"/api/public/dossiers/{code}"), HttpStatusCode.NotFound);
        Assert.Contains(code, problem["detail"]!.GetValue<string>());
    }
}
