namespace WorkflowHost.Testing.Tests;

[Collection("postgres")]
public sealed class SharedPostgresTests(SharedPostgres pg)
{
    [Fact]
    public async Task Fixture_serves_a_running_cluster()
    {
        Assert.True(FreePort.IsListening(pg.Server.Port));
        var cs = await pg.CreateDatabaseAsync();
        await PostgresServerTests.ExecuteAsync(cs, "CREATE TABLE x (id int primary key)");
        Assert.Equal(0L, await PostgresServerTests.ScalarAsync<long>(cs, "SELECT count(*) FROM x"));
    }

    [Fact]
    public async Task Many_connections_at_once()
    {
        var cs = await pg.CreateDatabaseAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => PostgresServerTests.ScalarAsync<int>(cs, $"SELECT {i} FROM pg_sleep(0.05)")));
        Assert.Equal(Enumerable.Range(0, 50), results);
    }
}
