using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Tests.Infrastructure;

namespace WorkflowHost.Server.Tests.Storage;

/// <summary>
/// On PostgreSQL a node keeps to a bounded pool for requests, whatever the load, and Hangfire keeps to a pool of its
/// own; PostgreSQL sees the two under their application names.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ConnectionPoolTests(PostgresApiFixture fixture) : IClassFixture<PostgresApiFixture>
{
    [Fact]
    public async Task ManyConcurrentRequests_UseNoMoreConnectionsThanThePoolBound_AndHangfireHasItsOwn()
    {
        var admin = await fixture.AsAsync("admin");

        var responses = await Task.WhenAll(Enumerable.Range(0, 48).Select(_ => admin.Http.GetAsync("/api/tasks?state=open")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var requests = await ConnectionsAsync(StorageSettings.ApplicationName);
        Assert.InRange(requests, 1, StorageSettings.DefaultMaxPoolSize);
        // Hangfire polls its queue every half second; its connections stay pooled under their own name.
        var watch = Stopwatch.StartNew();
        var jobs = 0;
        while ((jobs = await ConnectionsAsync(StorageSettings.ApplicationName + StorageSettings.JobsApplicationSuffix)) == 0 && watch.Elapsed < TimeSpan.FromSeconds(10))
            await Task.Delay(200);
        Assert.True(jobs > 0, "No connection of Hangfire's pool was seen.");
    }

    /// <summary>Open connections to the fixture's database under this application name (busy or idle in the pool).</summary>
    private async Task<int> ConnectionsAsync(string applicationName)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1", connection)
        {
            Parameters = { new() { Value = applicationName } },
        };
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }
}

/// <summary>
/// When every pooled connection stays busy past the connection timeout, a request is answered 503 with Retry-After
/// (load, not a fault) and changes nothing; once a connection is free again the same request succeeds.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ExhaustedPoolTests(ExhaustedPoolTests.ShortTimeoutFixture fixture) : IClassFixture<ExhaustedPoolTests.ShortTimeoutFixture>
{
    /// <summary>A host that gives up waiting for a pooled connection after one second.</summary>
    public sealed class ShortTimeoutFixture(Testing.SharedPostgres postgres) : PostgresApiFixture(postgres)
    {
        protected override async Task<string> CreateDatabaseAsync() => await base.CreateDatabaseAsync() + ";Timeout=1";
    }

    [Fact]
    public async Task Request_Answers503WithRetryAfterAndChangesNothing_WhenNoPooledConnectionBecomesFree()
    {
        var admin = await fixture.AsAsync("admin");
        var reception = await fixture.AsAsync("reception.hai-chau");
        var key = (await admin.DeployAsync(Bpmn.OneTask(Bpmn.NewKey("pool")))).Key;
        var hostPool = fixture.Factory.Services.GetRequiredService<StorageSettings>().ConnectionString;
        var held = new List<NpgsqlConnection>();
        try
        {
            // The test runs in the host's process: connections opened with the host's connection string come from its pool.
            for (var i = 0; i < StorageSettings.DefaultMaxPoolSize; i++)
            {
                var connection = new NpgsqlConnection(hostPool);
                await connection.OpenAsync();
                held.Add(connection);
            }

            var response = await reception.Http.PostAsJsonAsync("/api/instances", new { definitionKey = key });

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(DatabaseBusy.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal(503, problem["status"]!.GetValue<int>());
            Assert.Contains("database connection", problem["detail"]!.GetValue<string>());
        }
        finally
        {
            foreach (var connection in held) await connection.DisposeAsync();
        }

        Assert.Empty(await admin.GetAsync<List<JsonObject>>($"/api/instances?definitionKey={key}"));
        var started = await reception.StartAsync(key);
        Assert.Equal("active", started.Status);
    }
}
