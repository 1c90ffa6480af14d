using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WorkflowHost.Server.Tests.Infrastructure;

namespace WorkflowHost.Server.Tests.Specification;

/// <summary>
/// Two admins demote each other at the same moment, when they are the only two: the last-admin rule must hold under
/// the race, so exactly one wins and one admin is left. A class of its own because the demo admin steps down here,
/// which would sign out the admin the other suites share.
/// </summary>
public abstract class LastAdminRaceApiTestBase<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    protected TFixture Fixture { get; } = fixture;

    private const string Password = "Rotation2025x";

    private async Task<ApiClient> SignInAsync(string userName)
    {
        var client = Fixture.Anonymous();
        await client.ExpectAsync(await client.Http.PostAsJsonAsync("/api/auth/login", new { userName, password = Password }), HttpStatusCode.OK, $"sign-in of {userName}");
        return client;
    }

    private static Task<HttpResponseMessage> DemoteAsync(ApiClient by, string userName) =>
        by.Http.PutAsJsonAsync($"/api/users/{userName}", new { displayName = userName, roles = new[] { "manager" }, units = new[] { "20242" } });

    private static async Task<List<string>> ActiveAdminsAsync(ApiClient admin) =>
        (await admin.GetAsync<JsonObject>("/api/users?role=admin&status=active&limit=500"))["items"]!.AsArray().Select(u => u!["userName"]!.GetValue<string>()).ToList();

    [Fact]
    public virtual async Task TwoLastAdmins_DemotingEachOtherAtOnce_LeaveExactlyOneAdmin()
    {
        var demo = await Fixture.AsAsync("admin");
        await demo.ExpectAsync(await demo.Http.PostAsJsonAsync("/api/users", new { userName = "admin.round0", displayName = "admin.round0", roles = new[] { "admin" }, password = Password }),
            HttpStatusCode.Created, "create the first racing admin");
        await demo.ExpectAsync(await DemoteAsync(demo, "admin"), HttpStatusCode.OK, "the demo admin steps down");
        var survivor = "admin.round0";
        var survivorClient = await SignInAsync(survivor);
        for (var round = 1; round <= 5; round++)
        {
            var challenger = $"admin.round{round}";
            await survivorClient.ExpectAsync(await survivorClient.Http.PostAsJsonAsync("/api/users",
                new { userName = challenger, displayName = challenger, roles = new[] { "admin" }, password = Password }), HttpStatusCode.Created, "create a challenger");
            var challengerClient = await SignInAsync(challenger);
            Assert.Equal(new[] { challenger, survivor }.Order(StringComparer.Ordinal), (await ActiveAdminsAsync(survivorClient)).Order(StringComparer.Ordinal));

            var answers = await Task.WhenAll(DemoteAsync(survivorClient, challenger), DemoteAsync(challengerClient, survivor));
            var statuses = answers.Select(a => a.StatusCode).ToList();
            Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
            // The loser is refused by the rule (409), or its session already ended when the winner demoted it (401).
            Assert.Contains(statuses.Single(s => s != HttpStatusCode.OK), new[] { HttpStatusCode.Conflict, HttpStatusCode.Unauthorized });

            var winner = answers[0].StatusCode == HttpStatusCode.OK ? survivorClient : challengerClient;
            var loser = winner == survivorClient ? challengerClient : survivorClient;
            survivor = winner == survivorClient ? survivor : challenger;
            Assert.Equal([survivor], await ActiveAdminsAsync(winner));
            loser.Dispose();
            survivorClient = winner;
        }
        survivorClient.Dispose();
    }
}
