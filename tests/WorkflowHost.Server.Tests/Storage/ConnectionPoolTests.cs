using System.Diagnostics;
using System.Net;
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
