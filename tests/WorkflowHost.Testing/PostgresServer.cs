using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Npgsql;

namespace WorkflowHost.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster for tests: Debian's server binaries, <c>initdb</c> into a fresh temporary
/// directory (trust authentication, UTF8, no fsync), a free port on 127.0.0.1, and everything stopped and
/// deleted on <see cref="DisposeAsync"/> (or, at the latest, when the process exits).
/// </summary>
/// <remarks>
/// <para>
/// Binaries: the highest version under <c>/usr/lib/postgresql/*/bin</c> (Debian's <c>postgresql</c> package),
/// or the directory named by the <c>WORKFLOWHOST_PG_BIN</c> environment variable. When none exist
/// <see cref="StartAsync"/> throws: install them with <c>apt-get install -y postgresql</c> (<c>./test.sh</c> does
/// that when run as root).
/// </para>
/// <para>
/// PostgreSQL refuses to run as root, so a root process runs <c>initdb</c> and <c>pg_ctl</c> as the
/// <c>postgres</c> OS user (<c>runuser -u postgres --</c>) and hands it the temporary directory.
/// </para>
/// <para>
/// The temporary directory is created under <c>WORKFLOWHOST_PG_TMPDIR</c> when set (<c>./test.sh</c> sets it so it
/// can sweep up clusters of a test process that was killed), else under the system temp directory.
/// </para>
/// </remarks>
public sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>Environment variable naming a PostgreSQL bin directory to use instead of the Debian ones.</summary>
    public const string BinDirectoryVariable = "WORKFLOWHOST_PG_BIN";

    /// <summary>Environment variable naming the parent directory of the clusters' temporary directories.</summary>
    public const string TempDirectoryVariable = "WORKFLOWHOST_PG_TMPDIR";

    private const string InstallHint = "Install them with `apt-get install -y postgresql` (as root; ./test.sh does this for you when run as root).";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    private readonly EventHandler _onProcessExit;
    private readonly ManualResetEventSlim _stopDone = new();
    private readonly List<string> _connectionStrings = [];
    private int _stopping;

    private PostgresServer(string binDirectory, string rootDirectory, int port, bool runAsPostgresUser)
    {
        BinDirectory = binDirectory;
        RootDirectory = rootDirectory;
        Port = port;
        RunsAsPostgresUser = runAsPostgresUser;
        ConnectionString = BuildConnectionString("postgres");
        _onProcessExit = (_, _) => StopOnProcessExit();
    }

    /// <summary>The directory holding the <c>initdb</c>, <c>pg_ctl</c> and <c>postgres</c> binaries used.</summary>
    public string BinDirectory { get; }

    /// <summary>The temporary directory holding the cluster (<c>data/</c>), its socket (<c>sock/</c>) and its log (<c>server.log</c>).</summary>
    public string RootDirectory { get; }

    /// <summary>The data directory (<c>PGDATA</c>).</summary>
    public string DataDirectory => Path.Combine(RootDirectory, "data");

    /// <summary>The directory of the Unix-domain socket.</summary>
    public string SocketDirectory => Path.Combine(RootDirectory, "sock");

    /// <summary>The server log.</summary>
    public string LogFile => Path.Combine(RootDirectory, "server.log");

    /// <summary>Host the server listens on: always 127.0.0.1.</summary>
    public string Host => "127.0.0.1";

    /// <summary>TCP port on 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <summary>True when the binaries run as the <c>postgres</c> OS user because this process is root.</summary>
    public bool RunsAsPostgresUser { get; }

    /// <summary>Connection string to database <c>postgres</c> as user <c>postgres</c> (no password: trust authentication).</summary>
    public string ConnectionString { get; private set; }

    /// <summary>Starts a new cluster and returns once it accepts connections.</summary>
    /// <exception cref="InvalidOperationException">No PostgreSQL binaries are installed, or the cluster failed to start (the message holds its log).</exception>
    public static async Task<PostgresServer> StartAsync()
    {
        var binDirectory = FindBinDirectory();
        var asPostgres = Environment.IsPrivilegedProcess;
        UnixUser? postgresUser = asPostgres ? FindPostgresUser() : null;
        var root = CreateRootDirectory(postgresUser);
        var server = new PostgresServer(binDirectory, root, 0, asPostgres);
        AppDomain.CurrentDomain.ProcessExit += server._onProcessExit;
        try
        {
            await server.InitDbAsync().ConfigureAwait(false);
            await server.StartClusterAsync().ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A connection string to <paramref name="database"/> on this cluster as user <c>postgres</c>.</summary>
    public string GetConnectionString(string database) => BuildConnectionString(database);

    /// <summary>
    /// Creates a new empty database (from <c>template0</c>, UTF8) and returns a connection string to it.
    /// Without a name, a unique one (<c>test_…</c>) is made up.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _stopping) != 0, this);
        name ??= "test_" + Guid.NewGuid().ToString("N");
        if (name.Length == 0 || Encoding.UTF8.GetByteCount(name) > 63 || name.Contains('\0'))
        {
            throw new ArgumentException("A PostgreSQL database name has 1 to 63 bytes and no NUL.", nameof(name));
        }

        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {QuoteIdentifier(name)} TEMPLATE template0 ENCODING 'UTF8'";
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        return BuildConnectionString(name);
    }

    /// <summary>Stops the cluster (<c>pg_ctl stop -m immediate</c>) and deletes its directory. Safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= _onProcessExit;
        if (Interlocked.Exchange(ref _stopping, 1) != 0)
        {
            return;
        }

        try
        {
            ClearPools();
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                try
                {
                    await RunAsync("pg_ctl", StopArguments(), TimeSpan.FromSeconds(45)).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // Fall through to the hard kill below.
                }

                KillPostmasterIfAlive();
            }

            DeleteDirectory(RootDirectory);
        }
        finally
        {
            _stopDone.Set();
        }
    }

    /// <summary>The safety net: the same as <see cref="DisposeAsync"/>, without the thread pool (the process is exiting).</summary>
    private void StopOnProcessExit()
    {
        if (Interlocked.Exchange(ref _stopping, 1) != 0)
        {
            _stopDone.Wait(TimeSpan.FromSeconds(30)); // DisposeAsync is under way: let it finish.
            return;
        }

        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                try
                {
                    var (tool, args) = Command("pg_ctl", StopArguments());
                    RunProcessBlocking(tool, args, RootDirectory, TimeSpan.FromSeconds(45));
                }
                catch (Exception)
                {
                    // Fall through to the hard kill below.
                }

                KillPostmasterIfAlive();
            }

            DeleteDirectory(RootDirectory);
        }
        finally
        {
            _stopDone.Set();
        }
    }

    private string[] StopArguments() => ["-D", DataDirectory, "-m", "immediate", "-w", "-t", "30", "stop"];

    private void ClearPools()
    {
        List<string> strings;
        lock (_connectionStrings)
        {
            strings = [.. _connectionStrings];
        }

        foreach (var cs in strings)
        {
            try
            {
                using var connection = new NpgsqlConnection(cs);
                NpgsqlConnection.ClearPool(connection);
            }
            catch (Exception)
            {
                // Best effort: the server is going away anyway.
            }
        }
    }

    private void KillPostmasterIfAlive()
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        try
        {
            if (!File.Exists(pidFile))
            {
                return;
            }

            var firstLine = File.ReadLines(pidFile).FirstOrDefault();
            if (!int.TryParse(firstLine, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) || pid <= 1)
            {
                return;
            }

            using var process = Process.GetProcessById(pid);
            if (process.ProcessName != "postgres")
            {
                return; // A stale pid file whose number now belongs to someone else.
            }

            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        catch (Exception)
        {
            // Not running any more (or not ours): nothing to do.
        }
    }

    private static void DeleteDirectory(string path)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }

                return;
            }
            catch (Exception) when (attempt < 4)
            {
                Thread.Sleep(200);
            }
            catch (Exception)
            {
                // Leave it: a temp directory, and test.sh sweeps its own.
            }
        }
    }

    private async Task InitDbAsync()
    {
        // C.UTF-8 gives Unicode-aware upper/lower; fall back to C where the C library lacks it.
        string? lastError = null;
        foreach (var locale in new[] { "C.UTF-8", "C" })
        {
            var result = await RunAsync(
                "initdb",
                ["-D", DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=" + locale, "--no-sync", "--no-instructions"],
                CommandTimeout).ConfigureAwait(false);
            if (result.ExitCode == 0)
            {
                return;
            }

            lastError = result.Output;
            foreach (var entry in Directory.EnumerateFileSystemEntries(DataDirectory))
            {
                if (Directory.Exists(entry))
                {
                    Directory.Delete(entry, recursive: true);
                }
                else
                {
                    File.Delete(entry);
                }
            }
        }

        throw new InvalidOperationException($"initdb failed in {DataDirectory}:{Environment.NewLine}{lastError}");
    }

    private async Task StartClusterAsync()
    {
        string? lastFailure = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            Port = FreePort.Next();
            ConnectionString = BuildConnectionString("postgres");
            var options = string.Join(' ',
                "-p", Port.ToString(CultureInfo.InvariantCulture),
                "-k", ShellQuote(SocketDirectory),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "fsync=off",
                "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off",
                "-c", "max_connections=300");
            var result = await RunAsync(
                "pg_ctl",
                ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", options, "start"],
                CommandTimeout).ConfigureAwait(false);
            if (result.ExitCode == 0)
            {
                await WaitUntilAcceptingAsync().ConfigureAwait(false);
                return;
            }

            lastFailure = $"pg_ctl start exited {result.ExitCode}:{Environment.NewLine}{result.Output}{Environment.NewLine}server.log:{Environment.NewLine}{ReadLogTail()}";
            KillPostmasterIfAlive();
            if (!lastFailure.Contains("Address already in use", StringComparison.OrdinalIgnoreCase) &&
                !lastFailure.Contains("could not bind", StringComparison.OrdinalIgnoreCase) &&
                !lastFailure.Contains("could not create any TCP/IP sockets", StringComparison.OrdinalIgnoreCase))
            {
                break;
            }
        }

        throw new InvalidOperationException($"PostgreSQL cluster in {RootDirectory} failed to start.{Environment.NewLine}{lastFailure}");
    }

    private async Task WaitUntilAcceptingAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString);
                await connection.OpenAsync().ConfigureAwait(false);
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync().ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException(
                        $"PostgreSQL on port {Port} did not accept connections within 60 s.{Environment.NewLine}{ReadLogTail()}", ex);
                }

                await Task.Delay(100).ConfigureAwait(false);
            }
        }
    }

    private string BuildConnectionString(string database)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port == 0 ? 5432 : Port,
            Username = "postgres",
            Database = database,
            IncludeErrorDetail = true,
            Timeout = 30,
        };
        var cs = builder.ConnectionString;
        lock (_connectionStrings)
        {
            if (!_connectionStrings.Contains(cs))
            {
                _connectionStrings.Add(cs);
            }
        }

        return cs;
    }

    private string ReadLogTail()
    {
        try
        {
            if (!File.Exists(LogFile))
            {
                return "(no server log)";
            }

            var lines = File.ReadAllLines(LogFile);
            return string.Join(Environment.NewLine, lines.Skip(Math.Max(0, lines.Length - 40)));
        }
        catch (Exception ex)
        {
            return $"(server log unreadable: {ex.Message})";
        }
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    internal static string FindBinDirectory(string debianRoot = "/usr/lib/postgresql")
    {
        var overridden = Environment.GetEnvironmentVariable(BinDirectoryVariable);
        if (!string.IsNullOrWhiteSpace(overridden))
        {
            if (HasServerBinaries(overridden))
            {
                return overridden;
            }

            throw new InvalidOperationException(
                $"{BinDirectoryVariable}={overridden} holds no initdb and pg_ctl. Unset it to use Debian's PostgreSQL, or point it at a PostgreSQL bin directory.");
        }

        var candidates = Directory.Exists(debianRoot)
            ? Directory.EnumerateDirectories(debianRoot)
                .Select(dir => (Dir: Path.Combine(dir, "bin"), Version: ParseVersion(Path.GetFileName(dir))))
                .Where(c => c.Version is not null && HasServerBinaries(c.Dir))
                .OrderByDescending(c => c.Version)
                .ToList()
            : [];
        if (candidates.Count == 0)
        {
            throw new InvalidOperationException(
                $"No PostgreSQL server binaries found (looked for {debianRoot}/*/bin/initdb and pg_ctl). " +
                "The database tests start their own throwaway cluster from Debian's PostgreSQL server. " + InstallHint);
        }

        return candidates[0].Dir;
    }

    private static Version? ParseVersion(string text) =>
        Version.TryParse(text.Contains('.') ? text : text + ".0", out var version) ? version : null;

    private static bool HasServerBinaries(string dir) =>
        File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "postgres"));

    private readonly record struct UnixUser(uint Uid, uint Gid);

    /// <summary>The <c>postgres</c> OS user (from /etc/passwd, where Debian's package creates it).</summary>
    private static UnixUser FindPostgresUser()
    {
        try
        {
            foreach (var line in File.ReadLines("/etc/passwd"))
            {
                var fields = line.Split(':');
                if (fields.Length >= 4 && fields[0] == "postgres" &&
                    uint.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid) &&
                    uint.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var gid))
                {
                    return new UnixUser(uid, gid);
                }
            }
        }
        catch (IOException)
        {
            // Reported below.
        }

        throw new InvalidOperationException(
            "This test process runs as root, and PostgreSQL refuses to run as root, so it runs the server as the " +
            "`postgres` OS user, which does not exist. " + InstallHint);
    }

    /// <summary>
    /// Makes the cluster's directory with empty <c>data/</c> and <c>sock/</c> inside, owned by the <c>postgres</c>
    /// user when running as root. The first base directory that user can reach is used.
    /// </summary>
    private static string CreateRootDirectory(UnixUser? postgresUser)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("PostgresServer runs Debian's PostgreSQL binaries: Linux only.");
        }

        var bases = new List<string>();
        var configured = Environment.GetEnvironmentVariable(TempDirectoryVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            bases.Add(Path.GetFullPath(configured));
        }

        bases.Add(Path.GetFullPath(Path.GetTempPath()));
        if (postgresUser is not null)
        {
            bases.Add("/tmp"); // world-traversable, when TMPDIR is e.g. under /root
        }

        foreach (var baseDir in bases.Distinct())
        {
            Directory.CreateDirectory(baseDir);
            if (postgresUser is not null && !OthersCanTraverse(baseDir))
            {
                continue;
            }

            var root = Path.Combine(baseDir, "wfh-pg-" + Guid.NewGuid().ToString("N")[..16]);
            var owner = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            foreach (var dir in new[] { root, Path.Combine(root, "data"), Path.Combine(root, "sock") })
            {
                Directory.CreateDirectory(dir, owner);
                if (postgresUser is { } user && Chown(dir, user.Uid, user.Gid) != 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    DeleteDirectory(root);
                    throw new InvalidOperationException($"chown postgres {dir} failed (errno {errno}).");
                }
            }

            return root;
        }

        throw new InvalidOperationException(
            $"The postgres OS user can reach none of: {string.Join(", ", bases)} (each directory on the path needs o+x).");
    }

    private static bool OthersCanTraverse(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("PostgresServer runs Debian's PostgreSQL binaries: Linux only.");
        }

        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            if (!dir.UnixFileMode.HasFlag(UnixFileMode.OtherExecute))
            {
                return false;
            }
        }

        return true;
    }

    [DllImport("libc", EntryPoint = "chown", SetLastError = true)]
    private static extern int Chown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint owner, uint group);

    private (string FileName, string[] Args) Command(string tool, IReadOnlyList<string> args)
    {
        var exe = Path.Combine(BinDirectory, tool);
        return RunsAsPostgresUser
            ? ("runuser", ["-u", "postgres", "--", exe, .. args])
            : (exe, [.. args]);
    }

    private Task<ProcessResult> RunAsync(string tool, IReadOnlyList<string> args, TimeSpan timeout)
    {
        var (fileName, fullArgs) = Command(tool, args);
        return RunProcessAsync(fileName, fullArgs, RootDirectory, timeout);
    }

    private static ProcessStartInfo CreateStartInfo(string fileName, IReadOnlyList<string> args, string workingDirectory)
    {
        var startInfo = new ProcessStartInfo
        {
            FileName = ResolveSystemTool(fileName),
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        // Keep the caller's PG* variables (PGDATA, PGPORT, PGHOST, ...) from steering the tools, and messages in English.
        foreach (var key in startInfo.Environment.Keys.Where(k => k.StartsWith("PG", StringComparison.Ordinal)).ToList())
        {
            startInfo.Environment.Remove(key);
        }

        startInfo.Environment["LC_ALL"] = "C";
        startInfo.Environment["LANG"] = "C";
        return startInfo;
    }

    /// <summary>Runs a process to its end on dedicated threads: for the process-exit path, where the thread pool may be gone.</summary>
    private static int RunProcessBlocking(string fileName, IReadOnlyList<string> args, string workingDirectory, TimeSpan timeout)
    {
        using var process = new Process { StartInfo = CreateStartInfo(fileName, args, workingDirectory) };
        process.Start();
        process.StandardInput.Close();
        var drains = new[] { process.StandardOutput, process.StandardError }
            .Select(reader => new Thread(() => reader.ReadToEnd()) { IsBackground = true })
            .ToList();
        drains.ForEach(t => t.Start());
        if (!process.WaitForExit(timeout))
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            return -1;
        }

        drains.ForEach(t => t.Join(TimeSpan.FromSeconds(5)));
        return process.ExitCode;
    }

    private static async Task<ProcessResult> RunProcessAsync(string fileName, IReadOnlyList<string> args, string workingDirectory, TimeSpan timeout)
    {
        var startInfo = CreateStartInfo(fileName, args, workingDirectory);
        using var process = new Process { StartInfo = startInfo };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Could not run {startInfo.FileName}: {ex.Message}", ex);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish within {timeout.TotalSeconds:0} s. Output so far:{Environment.NewLine}{output}");
        }

        process.WaitForExit();
        string text;
        lock (output)
        {
            text = output.ToString();
        }

        return new ProcessResult(process.ExitCode, text);
    }

    private static string ResolveSystemTool(string fileName)
    {
        if (Path.IsPathRooted(fileName))
        {
            return fileName;
        }

        foreach (var dir in new[] { "/usr/sbin", "/usr/bin", "/sbin", "/bin" })
        {
            var candidate = Path.Combine(dir, fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return fileName;
    }

    private readonly record struct ProcessResult(int ExitCode, string Output);
}
