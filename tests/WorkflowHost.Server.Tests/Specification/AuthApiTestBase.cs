using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WorkflowHost.Server.Tests.Infrastructure;

namespace WorkflowHost.Server.Tests.Specification;

/// <summary>Sign-in by cookie and bearer token, and what each role may do.</summary>
public abstract class AuthApiTestBase<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    protected TFixture Fixture { get; } = fixture;

    [Fact]
    public virtual async Task ListTasks_Returns401Problem_WhenNotSignedIn()
    {
        using var anonymous = Fixture.Anonymous();
        var problem = await ApiClient.ProblemAsync(await anonymous.Http.GetAsync("/api/tasks"), HttpStatusCode.Unauthorized);
        Assert.Contains("/api/auth/login", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public virtual async Task DeployDefinition_Returns403AndStoresNothing_WhenReceptionDeploys()
    {
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var key = Bpmn.NewKey("forbidden");
        await ApiClient.ProblemAsync(await reception.SendDeployAsync(Bpmn.OneTask(key), publish: true), HttpStatusCode.Forbidden);

        var owner = await Fixture.AsAsync("owner");
        await ApiClient.ProblemAsync(await owner.Http.GetAsync($"/api/definitions/{key}/versions"), HttpStatusCode.NotFound);
    }

    [Fact]
    public virtual async Task Login_SetsSessionCookieThatIdentifiesUser_WhenPasswordRight()
    {
        using var client = Fixture.Anonymous();
        var login = await client.Http.PostAsJsonAsync("/api/auth/login", new { userName = "officer.hai-chau", password = "officer.hai-chau" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("workflowhost=", StringComparison.Ordinal));

        var me = await client.GetAsync<JsonObject>("/api/auth/me");
        Assert.Equal("officer.hai-chau", me["userName"]!.GetValue<string>());
        Assert.Equal(["officer"], me["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(["officer"], me["groups"]!.AsArray().Select(g => g!.GetValue<string>()));
    }

    [Fact]
    public virtual async Task Logout_EndsSession_WhenSignedInByCookie()
    {
        using var client = Fixture.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.Http.PostAsJsonAsync("/api/auth/login", new { userName = "leader.hai-chau", password = "leader.hai-chau" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.Http.PostAsync("/api/auth/logout", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.Http.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public virtual async Task Token_GivesBearerTokenThatListsGroupTasks_WhenPasswordRight()
    {
        var owner = await Fixture.AsAsync("owner");
        var admin = await Fixture.AsAsync("admin");
        var key = Bpmn.NewKey("bearer");
        await owner.DeployAsync(Bpmn.OneTask(key, groups: "reception"));
        var started = await admin.StartAsync(key);

        using var machine = Fixture.Anonymous();
        var tokenResponse = await machine.Http.PostAsJsonAsync("/api/auth/token", new { userName = "reception.hai-chau", password = "reception.hai-chau" });
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        Assert.DoesNotContain("Set-Cookie", tokenResponse.Headers.Select(h => h.Key));
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Bearer", token["tokenType"]!.GetValue<string>());
        var accessToken = token["accessToken"]!.GetValue<string>();
        Assert.False(string.IsNullOrWhiteSpace(accessToken));

        Assert.Equal(HttpStatusCode.Unauthorized, (await machine.Http.GetAsync("/api/tasks")).StatusCode);
        ApiClient.UseBearer(machine.Http, accessToken);
        var tasks = await machine.TasksAsync(started.Id);
        Assert.Equal("review", Assert.Single(tasks).ElementId);
    }

    [Theory]
    [InlineData("/api/auth/login")]
    [InlineData("/api/auth/token")]
    public virtual async Task SignIn_Returns401Problem_WhenPasswordWrong(string path)
    {
        using var client = Fixture.Anonymous();
        var response = await client.Http.PostAsJsonAsync(path, new { userName = "manager.hai-chau", password = "not-the-password" });
        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("password", problem["detail"]!.GetValue<string>());
        Assert.False(response.Headers.Contains("Set-Cookie"), "A failed sign-in sets no session cookie.");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.Http.GetAsync("/api/auth/me")).StatusCode);
    }
}
