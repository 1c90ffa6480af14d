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

    /// <summary>
    /// Every operation of the API declares its problem answers (typed <c>Results&lt;...&gt;</c> and the sign-in answers of
    /// its group), so a client generated from the document knows each 4xx it may get, and each is problem+json.
    /// </summary>
    [Fact]
    public virtual async Task OpenApi_DeclaresTheProblemAnswersOfEveryOperation_WhenRead()
    {
        using var anonymous = Fixture.Anonymous();
        var document = JsonNode.Parse(await anonymous.Http.GetStringAsync("/openapi/v1.json"))!.AsObject();
        var declared = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            if (!path.StartsWith("/api/", StringComparison.Ordinal)) continue;
            foreach (var (method, operation) in item!.AsObject())
            {
                var name = operation!["operationId"]?.GetValue<string>() ?? $"{method.ToUpperInvariant()} {path}";
                var answers = operation["responses"]!.AsObject().Where(r => r.Key.StartsWith('4')).ToList();
                var problems = answers.Where(r => r.Value!["content"]?["application/problem+json"] is not null).Select(r => r.Key).ToHashSet();
                declared[name] = problems;
                foreach (var plain in answers.Where(r => !problems.Contains(r.Key))) missing.Add($"{name} declares {plain.Key} without problem+json");
                var anonymousOperation = path.StartsWith("/api/public/", StringComparison.Ordinal) || name is "Login" or "Token";
                if (problems.Count == 0 || (!anonymousOperation && !problems.Contains("401")))
                    missing.Add($"{name} declares [{string.Join(", ", problems.Order())}]");
            }
        }
        Assert.True(missing.Count == 0, "Operations without their problem answers: " + string.Join("; ", missing));

        // The answers a caller acts on, where the operation can give them.
        Assert.Superset(new HashSet<string> { "401", "403", "404" }, declared["GetInstance"]);
        Assert.Superset(new HashSet<string> { "404", "422" }, declared["StartInstance"]);
        Assert.Superset(new HashSet<string> { "403", "404", "409" }, declared["CancelInstance"]);
        Assert.Superset(new HashSet<string> { "403", "404", "409", "422" }, declared["CompleteTask"]);
        Assert.Superset(new HashSet<string> { "404", "409", "422" }, declared["RetryIncident"]);
        Assert.Superset(new HashSet<string> { "422" }, declared["ListTasks"]);
        Assert.Superset(new HashSet<string> { "403", "409", "422" }, declared["ReceiveDossier"]);
        Assert.Superset(new HashSet<string> { "404" }, declared["GetDossier"]);
        Assert.Superset(new HashSet<string> { "404" }, declared["LookupDossier"]);
        Assert.Superset(new HashSet<string> { "401", "429" }, declared["Login"]);
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
