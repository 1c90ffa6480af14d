using WorkflowHost.Testing;
using System.Data.Common;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Npgsql;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace WorkflowHost.Server.ProcessTests;

/// <summary>
/// What one test owns: temporary directories (data, an empty workflows folder) and every server process it started.
/// Disposing kills the processes and deletes the directories, whether the test passed or not. <see cref="RunAsync"/>
/// adds the servers' output tails to a failure.
/// </summary>
public sealed class Harness : IAsyncDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly List<ServerProcess> _servers = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <param name="procedures">Also the shipped procedures of workflows/ (the one-stop catalogue's processes), for dossier tests.</param>
    public Harness(ITestOutputHelper output, string? connectionString, bool procedures = false)
    {
        _output = output;
        ConnectionString = connectionString;
        Root = Directory.CreateTempSubdirectory("wfh-process-tests-").FullName;
        DataDirectory = Directory.CreateDirectory(Path.Combine(Root, "data")).FullName;
        WorkflowsDirectory = Directory.CreateDirectory(Path.Combine(Root, "workflows")).FullName;
        ReferenceData.CopyTo(WorkflowsDirectory, procedures);
    }

    public string Root { get; }

    public string DataDirectory { get; }

    public string WorkflowsDirectory { get; }

    /// <summary>PostgreSQL connection string, or null for the embedded SQLite file in <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; }

    public bool IsPostgres => ConnectionString is not null;

    public void Log(string message)
    {
        var line = $"[{_clock.Elapsed.TotalSeconds,6:0.00}s] {message}";
        try
        {
            _output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // No test is running any more.
        }
    }

    public async Task<ServerProcess> StartServerAsync(string name)
    {
        var watch = Stopwatch.StartNew();
        var server = await ServerProcess.StartAsync(name, ConnectionString, DataDirectory, WorkflowsDirectory);
        lock (_servers)
        {
            _servers.Add(server);
        }

        Log($"{name} healthy on port {server.Port} (pid {server.ProcessId}) after {watch.Elapsed.TotalSeconds:0.0} s");
        return server;
    }

    /// <summary>Runs the test body; on failure, rethrows with every server's output tail (and the Hangfire job states) appended.</summary>
    public async Task RunAsync(Func<Task> body)
    {
        try
        {
            await body();
        }
        catch (Exception ex)
        {
            var report = new StringBuilder();
            report.AppendLine(ex.Message).AppendLine();
            try
            {
                if (IsPostgres)
                {
                    report.AppendLine("Hangfire job states: " + Describe(await HangfireJobStatesAsync()));
                }

                report.AppendLine("Timer rows by status: " + Describe(await TimerStatusesAsync()));
            }
            catch (Exception dbError)
            {
                report.AppendLine($"(database not readable: {dbError.Message})");
            }

            List<ServerProcess> servers;
            lock (_servers)
            {
                servers = [.. _servers];
            }

            foreach (var server in servers)
            {
                report.AppendLine().AppendLine(server.OutputTail());
            }

            Log(report.ToString());
            throw new XunitException(report + Environment.NewLine + ex);
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails with <paramref name="what"/> and the last observation.</summary>
    public async Task WaitUntilAsync(string what, TimeSpan timeout, Func<Task<(bool Done, string Observed)>> condition)
    {
        var watch = Stopwatch.StartNew();
        var observed = "";
        while (watch.Elapsed < timeout)
        {
            (var done, observed) = await condition();
            if (done)
            {
                Log($"{what}: after {watch.Elapsed.TotalSeconds:0.0} s ({observed})");
                return;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for: {what}. Last seen: {observed}");
    }

    public DbConnection OpenDatabase()
    {
        DbConnection connection = IsPostgres
            ? new NpgsqlConnection(ConnectionString)
            : new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(DataDirectory, "workflowhost.db"),
                Pooling = false,
                DefaultTimeout = 30,
            }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Rows of the <c>timers</c> table counted by status.</summary>
    public Task<Dictionary<string, long>> TimerStatusesAsync() => CountAsync("""SELECT "Status", COUNT(*) FROM timers GROUP BY "Status" """);

    /// <summary>Hangfire jobs counted by state (PostgreSQL only: in-memory Hangfire has no table).</summary>
    public Task<Dictionary<string, long>> HangfireJobStatesAsync() => CountAsync("SELECT COALESCE(statename, '(none)'), COUNT(*) FROM hangfire.job GROUP BY statename");

    private async Task<Dictionary<string, long>> CountAsync(string sql)
    {
        await using var connection = OpenDatabase();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            result[reader.GetString(0)] = Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
        }

        return result;
    }

    public static string Describe(IReadOnlyDictionary<string, long> counts) =>
        counts.Count == 0 ? "(none)" : string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"));

    /// <summary>The history entries of <paramref name="elementId"/> in an instance view.</summary>
    public static List<JsonObject> HistoryOf(JsonObject instance, string elementId) =>
        instance["history"]!.AsArray().Select(h => h!.AsObject()).Where(h => h["elementId"]!.GetValue<string>() == elementId).ToList();

    /// <summary>Runs <paramref name="work"/> over <paramref name="items"/> with at most <paramref name="parallelism"/> at a time.</summary>
    public static Task ForEachAsync<T>(IEnumerable<T> items, int parallelism, Func<T, Task> work) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (item, _) => await work(item));

    public async ValueTask DisposeAsync()
    {
        List<ServerProcess> servers;
        lock (_servers)
        {
            servers = [.. _servers];
            _servers.Clear();
        }

        foreach (var server in servers)
        {
            await server.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        if (ConnectionString is not null)
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString));
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory: leave it.
        }
        catch (UnauthorizedAccessException)
        {
            // A temp directory: leave it.
        }
    }
}
