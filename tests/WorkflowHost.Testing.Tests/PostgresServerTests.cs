using Npgsql;

namespace WorkflowHost.Testing.Tests;

public sealed class PostgresServerTests
{
    [Fact]
    public async Task Starts_creates_isolated_databases_and_leaves_nothing_behind()
    {
        var server = await PostgresServer.StartAsync();
        int port;
        string root;
        try
        {
            port = server.Port;
            root = server.RootDirectory;
            Assert.True(Directory.Exists(server.DataDirectory));
            Assert.True(FreePort.IsListening(port));
            Assert.StartsWith("/usr/lib/postgresql/", server.BinDirectory, StringComparison.Ordinal);

            var first = await server.CreateDatabaseAsync();
            var second = await server.CreateDatabaseAsync("second_db");
            Assert.NotEqual(first, second);

            await ExecuteAsync(first, "CREATE TABLE t (v text); INSERT INTO t VALUES ('one');");
            await ExecuteAsync(second, "CREATE TABLE t (v text); INSERT INTO t VALUES ('two'), ('zwei');");

            Assert.Equal("one", await ScalarAsync<string>(first, "SELECT string_agg(v, ',') FROM t"));
            Assert.Equal(2L, await ScalarAsync<long>(second, "SELECT count(*) FROM t"));
            Assert.Equal("second_db", await ScalarAsync<string>(second, "SELECT current_database()"));
            Assert.Equal("UTF8", await ScalarAsync<string>(second, "SHOW server_encoding"));
            Assert.Equal("off", await ScalarAsync<string>(server.ConnectionString, "SHOW fsync"));
            Assert.Equal("300", await ScalarAsync<string>(server.ConnectionString, "SHOW max_connections"));
            Assert.Equal("postgres", await ScalarAsync<string>(server.ConnectionString, "SELECT current_user"));
        }
        finally
        {
            await server.DisposeAsync();
        }

        Assert.False(FreePort.IsListening(port), $"port {port} still accepts connections after DisposeAsync");
        Assert.False(Directory.Exists(root), $"{root} still exists after DisposeAsync");
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => ScalarAsync<int>(server.ConnectionString, "SELECT 1"));

        await server.DisposeAsync(); // idempotent
    }

    [Fact]
    public async Task Two_clusters_run_side_by_side()
    {
        await using var a = await PostgresServer.StartAsync();
        await using var b = await PostgresServer.StartAsync();
        Assert.NotEqual(a.Port, b.Port);
        Assert.NotEqual(a.RootDirectory, b.RootDirectory);
        Assert.Equal(1, await ScalarAsync<int>(a.ConnectionString, "SELECT 1"));
        Assert.Equal(1, await ScalarAsync<int>(b.ConnectionString, "SELECT 1"));
    }

    [Fact]
    public async Task Database_names_are_quoted()
    {
        await using var server = await PostgresServer.StartAsync();
        var cs = await server.CreateDatabaseAsync("Odd \"name\"; DROP");
        Assert.Equal("Odd \"name\"; DROP", await ScalarAsync<string>(cs, "SELECT current_database()"));
        await Assert.ThrowsAsync<ArgumentException>(() => server.CreateDatabaseAsync(new string('x', 64)));
    }

    [Fact]
    public void Missing_binaries_say_how_to_install_them()
    {
        var empty = Directory.CreateTempSubdirectory("wfh-nopg-");
        try
        {
            var ex = Assert.Throws<InvalidOperationException>(() => PostgresServer.FindBinDirectory(empty.FullName));
            Assert.Contains("apt-get install -y postgresql", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public void Picks_the_highest_installed_version()
    {
        var root = Directory.CreateTempSubdirectory("wfh-fakepg-");
        try
        {
            foreach (var version in new[] { "9.6", "15", "16", "notaversion" })
            {
                var bin = Directory.CreateDirectory(Path.Combine(root.FullName, version, "bin")).FullName;
                foreach (var tool in new[] { "initdb", "pg_ctl", "postgres" })
                {
                    File.WriteAllText(Path.Combine(bin, tool), "");
                }
            }

            Directory.CreateDirectory(Path.Combine(root.FullName, "17", "bin")); // client only: no server binaries

            Assert.Equal(Path.Combine(root.FullName, "16", "bin"), PostgresServer.FindBinDirectory(root.FullName));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    internal static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    internal static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
