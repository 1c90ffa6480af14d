using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

// HTTP load driver for a running WorkflowHost: starts N instances of a 5-user-task procedure and completes every
// task with C concurrent clients, then prints task completions/s, latency percentiles and the server's memory.
//   dotnet run -c Release --project tests/WorkflowHost.LoadDriver -- --url http://127.0.0.1:5080 --instances 400 --clients 8 --server-pid 1234
var options = DriverOptions.Parse(args);
var driver = new LoadDriver(options);
return await driver.RunAsync();

internal sealed record DriverOptions(Uri Url, int Instances, int Clients, string User, string Password, int? ServerPid)
{
    public static DriverOptions Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        var pid = Get("--server-pid", "");
        return new DriverOptions(new Uri(Get("--url", "http://127.0.0.1:5080")), int.Parse(Get("--instances", "200")),
            int.Parse(Get("--clients", "8")), Get("--user", "admin"), Get("--password", "admin"), pid.Length > 0 ? int.Parse(pid) : null);
    }
}

internal sealed class LoadDriver(DriverOptions options)
{
    private const int TasksPerInstance = 5;

    public async Task<int> RunAsync()
    {
        using var setup = await ClientAsync();
        var key = await DeployAsync(setup);
        Console.WriteLine($"Deployed '{key}'. Starting {options.Instances} instances with {options.Clients} clients...");

        var startWatch = Stopwatch.StartNew();
        var instanceIds = new string[options.Instances];
        await ForEachAsync(Enumerable.Range(0, options.Instances), async (client, i) =>
        {
            var response = await client.PostAsJsonAsync("/api/instances", new { definitionKey = key, businessKey = $"LOAD-{i:D6}", variables = new { step = 0 } });
            await EnsureAsync(response, "start instance");
            instanceIds[i] = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.ToString();
        });
        var startSeconds = startWatch.Elapsed.TotalSeconds;

        var latencies = new List<double>(options.Instances * TasksPerInstance);
        var completeWatch = Stopwatch.StartNew();
        await ForEachAsync(instanceIds, async (client, instanceId) =>
        {
            for (var step = 0; step < TasksPerInstance; step++)
            {
                var tasks = await client.GetFromJsonAsync<JsonArray>($"/api/tasks?instanceId={instanceId}&state=open")
                    ?? throw new InvalidOperationException("no task list");
                var task = tasks.Single()!;
                var watch = Stopwatch.StartNew();
                var response = await client.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new { variables = new { step = step + 1 } });
                await EnsureAsync(response, "complete task");
                lock (latencies) latencies.Add(watch.Elapsed.TotalMilliseconds);
            }
        });
        var seconds = completeWatch.Elapsed.TotalSeconds;

        latencies.Sort();
        double Percentile(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
        Console.WriteLine($"instances started: {options.Instances} in {startSeconds:0.00} s ({options.Instances / startSeconds:0.0}/s)");
        Console.WriteLine($"task completions: {latencies.Count} in {seconds:0.00} s = {latencies.Count / seconds:0.0} completions/s (each completion also lists the instance's tasks: 2 requests)");
        Console.WriteLine($"complete latency ms: p50 {Percentile(0.50):0.0}  p95 {Percentile(0.95):0.0}  p99 {Percentile(0.99):0.0}  max {latencies[^1]:0.0}");
        if (options.ServerPid is { } pid) Console.WriteLine(ServerMemory(pid));

        var check = await setup.GetFromJsonAsync<JsonObject>($"/api/instances/{instanceIds[^1]}");
        Console.WriteLine($"last instance status: {check!["status"]}");
        return check["status"]!.ToString() == "completed" ? 0 : 1;
    }

    private async Task<HttpClient> ClientAsync()
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true };
        var client = new HttpClient(handler) { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(60) };
        var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = options.User, password = options.Password });
        await EnsureAsync(login, "log in");
        return client;
    }

    private async Task<string> DeployAsync(HttpClient client)
    {
        var xml = new StringBuilder("""<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="load"><process id="load-five-steps" name="Load test: five steps" isExecutable="true"><startEvent id="s"/>""");
        var previous = "s";
        for (var i = 1; i <= TasksPerInstance; i++)
        {
            xml.Append($"""<userTask id="t{i}" name="Step {i}" camunda:candidateGroups="reception"/><sequenceFlow id="f{i}" sourceRef="{previous}" targetRef="t{i}"/>""");
            previous = $"t{i}";
        }
        xml.Append($"""<endEvent id="e"/><sequenceFlow id="fe" sourceRef="{previous}" targetRef="e"/></process></definitions>""");
        var response = await client.PostAsync("/api/definitions?publish=true", new StringContent(xml.ToString(), Encoding.UTF8, "application/xml"));
        await EnsureAsync(response, "deploy");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.ToString();
    }

    private async Task ForEachAsync<T>(IEnumerable<T> items, Func<HttpClient, T, Task> work)
    {
        var queue = new System.Collections.Concurrent.ConcurrentQueue<T>(items);
        var workers = Enumerable.Range(0, options.Clients).Select(async _ =>
        {
            using var client = await ClientAsync();
            while (queue.TryDequeue(out var item)) await work(client, item);
        });
        await Task.WhenAll(workers);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (response.IsSuccessStatusCode) return;
        throw new InvalidOperationException($"{what} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static string ServerMemory(int pid)
    {
        var status = File.ReadAllLines($"/proc/{pid}/status");
        string Field(string name) => status.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        return $"server memory: RSS {Field("VmRSS")}, peak RSS {Field("VmHWM")}";
    }
}
