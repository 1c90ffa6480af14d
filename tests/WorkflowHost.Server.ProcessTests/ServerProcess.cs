using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using WorkflowHost.Testing;

namespace WorkflowHost.Server.ProcessTests;

/// <summary>
/// One real server process: <c>dotnet WorkflowHost.Server.dll --urls http://127.0.0.1:PORT</c>, run from the server's
/// build output folder, with its stdout/stderr kept (the last lines) for failure messages. <see cref="DisposeAsync"/>
/// kills it; <see cref="Kill"/> is the crash (SIGKILL) in the middle of a test.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private const int KeptLines = 400;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly Queue<string> _output = new();
    private readonly Process _process;
    private HttpClient? _client;

    private ServerProcess(string name, Process process, int port)
    {
        Name = name;
        _process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>A label for messages ("node A", "sqlite #2", ...).</summary>
    public string Name { get; }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public int ProcessId { get; private set; }

    /// <summary>A client signed in as admin (after <see cref="StartAsync"/>).</summary>
    public HttpClient Client => _client ?? throw new InvalidOperationException($"{Name} has no signed-in client.");

    /// <summary>The folder holding WorkflowHost.Server.dll (the server's own build output, same configuration as these tests).</summary>
    public static string ServerDirectory
    {
        get
        {
            var overridden = Environment.GetEnvironmentVariable("WORKFLOWHOST_SERVER_DIR");
            var directory = !string.IsNullOrWhiteSpace(overridden)
                ? overridden
                : typeof(ServerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                    .Single(a => a.Key == "ServerOutputDirectory").Value!;
            if (!File.Exists(Path.Combine(directory, "WorkflowHost.Server.dll")))
            {
                throw new InvalidOperationException($"WorkflowHost.Server.dll is not in {directory}: build src/WorkflowHost.Server in the same configuration first.");
            }

            return directory;
        }
    }

    /// <summary>
    /// Starts a server on a free port with <paramref name="connectionString"/> (PostgreSQL) or, when it is null, the
    /// SQLite file in <paramref name="dataDirectory"/>; waits for /health 200 and signs in as admin.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(string name, string? connectionString, string dataDirectory, string workflowsDirectory)
    {
        Exception? last = null;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var server = Launch(name, connectionString, dataDirectory, workflowsDirectory, FreePort.Next());
            try
            {
                await server.WaitHealthyAsync().ConfigureAwait(false);
                server._client = await server.SignInAsync().ConfigureAwait(false);
                return server;
            }
            catch (Exception ex)
            {
                var portTaken = server.OutputTail().Contains("address already in use", StringComparison.OrdinalIgnoreCase);
                await server.DisposeAsync().ConfigureAwait(false);
                last = ex;
                if (!portTaken)
                {
                    throw;
                }
            }
        }

        throw new InvalidOperationException($"{name} could not bind a free port in 3 attempts.", last);
    }

    private static ServerProcess Launch(string name, string? connectionString, string dataDirectory, string workflowsDirectory, int port)
    {
        var directory = ServerDirectory;
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(dotnet) || !File.Exists(dotnet))
        {
            dotnet = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        }

        var start = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(directory, "WorkflowHost.Server.dll"), "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var key in start.Environment.Keys
                     .Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("WorkflowHost__", StringComparison.Ordinal)
                                 || k.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || k == "DOTNET_ENVIRONMENT")
                     .ToList())
        {
            start.Environment.Remove(key);
        }

        // Development: the demo accounts (admin/admin, ...) these tests sign in with exist only there — outside
        // Development the password policy is never weakened, so seeding them would stop the start-up (issue 10).
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Workflow"] = connectionString ?? "";
        start.Environment["WorkflowHost__SeedDemoUsers"] = "true";
        start.Environment["WorkflowHost__WorkflowsDirectory"] = workflowsDirectory;
        start.Environment["WorkflowHost__DataDirectory"] = dataDirectory;
        start.Environment["WorkflowHost__TimerHorizon"] = "00:10:00";
        start.Environment["Logging__Console__TimestampFormat"] = "HH:mm:ss.fff ";

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new ServerProcess(name, process, port);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data is null ? null : "[stderr] " + e.Data);
        process.Start();
        server.ProcessId = process.Id;
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        server.Keep($"[test] started pid {process.Id} on port {port} at {DateTime.UtcNow:HH:mm:ss.fff} UTC");
        return server;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > KeptLines)
            {
                _output.Dequeue();
            }
        }
    }

    /// <summary>The last lines the server printed (stdout and stderr), for failure messages.</summary>
    public string OutputTail(int lines = 60)
    {
        lock (_output)
        {
            var tail = _output.Skip(Math.Max(0, _output.Count - lines));
            string state;
            try
            {
                state = _process.HasExited ? $"exited with {_process.ExitCode}" : "running";
            }
            catch (InvalidOperationException)
            {
                state = "stopped";
            }

            return $"----- {Name} (pid {ProcessId}, port {Port}, {state}): last {Math.Min(lines, _output.Count)} lines -----{Environment.NewLine}"
                   + string.Join(Environment.NewLine, tail);
        }
    }

    private async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var watch = Stopwatch.StartNew();
        string? lastAnswer = null;
        while (watch.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                await Task.Delay(200).ConfigureAwait(false); // let the output readers drain
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before it was healthy.{Environment.NewLine}{OutputTail()}");
            }

            try
            {
                using var response = await http.GetAsync("/health").ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Keep($"[test] healthy after {watch.Elapsed.TotalSeconds:0.0} s");
                    return;
                }

                lastAnswer = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}";
            }
            catch (HttpRequestException ex)
            {
                lastAnswer = ex.Message;
            }
            catch (TaskCanceledException ex)
            {
                lastAnswer = ex.Message;
            }

            await Task.Delay(200).ConfigureAwait(false);
        }

        throw new TimeoutException($"{Name} was not healthy within {StartTimeout.TotalSeconds:0} s (last answer: {lastAnswer}).{Environment.NewLine}{OutputTail()}");
    }

    /// <summary>A new client with its own cookie, signed in as admin.</summary>
    public async Task<HttpClient> SignInAsync(string user = "admin", string password = "admin")
    {
        var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { userName = user, password }).ConfigureAwait(false);
        await EnsureAsync(response, $"sign in as {user} on {Name}").ConfigureAwait(false);
        return client;
    }

    /// <summary>Deploys and publishes a BPMN document; returns the definition key.</summary>
    public async Task<string> DeployAsync(string xml)
    {
        using var response = await Client.PostAsync("/api/definitions?publish=true", new StringContent(xml, Encoding.UTF8, "application/xml")).ConfigureAwait(false);
        await EnsureAsync(response, $"deploy on {Name}").ConfigureAwait(false);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>().ConfigureAwait(false);
        return body!["key"]!.GetValue<string>();
    }

    /// <summary>Starts an instance; returns its id.</summary>
    public async Task<Guid> StartInstanceAsync(string definitionKey, string businessKey, HttpClient? client = null)
    {
        using var response = await (client ?? Client).PostAsJsonAsync("/api/instances",
            new { definitionKey, businessKey, variables = new { businessKey } }).ConfigureAwait(false);
        await EnsureAsync(response, $"start instance {businessKey} on {Name}").ConfigureAwait(false);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>().ConfigureAwait(false);
        return Guid.Parse(body!["id"]!.GetValue<string>());
    }

    public async Task<JsonObject> GetInstanceAsync(Guid id)
    {
        using var response = await Client.GetAsync($"/api/instances/{id}").ConfigureAwait(false);
        await EnsureAsync(response, $"read instance {id} on {Name}").ConfigureAwait(false);
        return (await response.Content.ReadFromJsonAsync<JsonObject>().ConfigureAwait(false))!;
    }

    public async Task<JsonArray> ListTasksAsync(string query)
    {
        using var response = await Client.GetAsync($"/api/tasks?{query}").ConfigureAwait(false);
        await EnsureAsync(response, $"list tasks ({query}) on {Name}").ConfigureAwait(false);
        return (await response.Content.ReadFromJsonAsync<JsonArray>().ConfigureAwait(false))!;
    }

    public static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            throw new HttpRequestException($"{what} failed: {(int)response.StatusCode} {response.StatusCode}: {body}", null, response.StatusCode);
        }
    }

    /// <summary>SIGKILL: the crash, no graceful shutdown. Waits until the process is gone.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit(15_000);
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }

        Keep($"[test] killed at {DateTime.UtcNow:HH:mm:ss.fff} UTC");
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _client?.Dispose();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
