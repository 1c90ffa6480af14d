using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

// HTTP load driver for a running WorkflowHost: starts N instances of a 5-user-task procedure and completes every
// task with C concurrent clients, then prints task completions/s, latency percentiles and the server's memory.
//   dotnet run -c Release --project tests/WorkflowHost.LoadDriver -- --url http://127.0.0.1:5080 --instances 400 --clients 8 --server-pid 1234
// A warm-up of --warmup instances (default 2 per client) is run through first and not counted. With --server-pid (same
// machine) it also prints the server's CPU time and the whole machine's CPU use during the measured completions.
// --mode follow (default) completes the task the previous answer named (start and complete answer the tasks they open);
// --mode inbox lists the instance's open tasks before every completion, as a person working from the inbox list would.
// --mode queries / --mode receipts: issue 9's inbox and receipt benchmark against a seeded database (InboxBench.cs).
// --mode sla: issue 11's dashboard benchmark against a database seeded by seed-sla.py (SlaBench.cs).
// --mode migration: dry run and batched migration of --instances running instances (MigrationBench.cs).
if (args.Contains("queries") || args.Contains("receipts")) return await InboxBench.RunAsync(args);
if (args.Contains("migration")) return await MigrationBench.RunAsync(args);
if (args.Contains("sla"))
{
    string Arg(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    return await SlaBench.RunAsync(new Uri(Arg("--url", "http://127.0.0.1:5080")), int.Parse(Arg("--requests", "20")), int.Parse(Arg("--warmup", "2")));
}
var options = DriverOptions.Parse(args);
var driver = new LoadDriver(options);
return await driver.RunAsync();

internal sealed record DriverOptions(Uri Url, int Instances, int Clients, string User, string Password, int? ServerPid, int Warmup, bool ListBeforeComplete)
{
    public static DriverOptions Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        var pid = Get("--server-pid", "");
        var clients = int.Parse(Get("--clients", "8"));
        return new DriverOptions(new Uri(Get("--url", "http://127.0.0.1:5080")), int.Parse(Get("--instances", "200")),
            clients, Get("--user", "admin"), Get("--password", "admin"), pid.Length > 0 ? int.Parse(pid) : null,
            int.Parse(Get("--warmup", (2 * clients).ToString())), Get("--mode", "follow") switch
            {
                "follow" => false,
                "inbox" => true,
                var other => throw new ArgumentException($"--mode {other}: use follow or inbox"),
            });
    }
}

internal sealed class LoadDriver(DriverOptions options)
{
    private const int TasksPerInstance = 5;

    public async Task<int> RunAsync()
    {
        using var setup = await ClientAsync();
        var key = await DeployAsync(setup);
        if (options.Warmup > 0)
        {
            Console.WriteLine($"Deployed '{key}'. Warm-up: {options.Warmup} instances run to the end, not counted...");
            var warm = await StartInstancesAsync(key, options.Warmup, "WARM");
            await CompleteAllAsync(warm.Instances, new List<double>(), new List<double>());
        }
        Console.WriteLine($"Starting {options.Instances} instances with {options.Clients} clients...");

        var (instances, startSeconds) = await StartInstancesAsync(key, options.Instances, "LOAD");

        var latencies = new List<double>(options.Instances * TasksPerInstance);
        var listLatencies = new List<double>(options.Instances * TasksPerInstance);
        var cpuBefore = options.ServerPid is { } p0 ? ProcessCpuSeconds(p0) : 0;
        var machineBefore = MachineCpu();
        var driverBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var completeWatch = Stopwatch.StartNew();
        await CompleteAllAsync(instances, latencies, listLatencies);
        var seconds = completeWatch.Elapsed.TotalSeconds;
        var driverCpu = (Process.GetCurrentProcess().TotalProcessorTime - driverBefore).TotalSeconds;
        var machineAfter = MachineCpu();
        var cpuAfter = options.ServerPid is { } p1 ? ProcessCpuSeconds(p1) : 0;

        latencies.Sort();
        listLatencies.Sort();
        static double Percentile(List<double> sorted, double p) => BenchClients.Percentile(sorted, p);
        Console.WriteLine($"instances started: {options.Instances} in {startSeconds:0.00} s ({options.Instances / startSeconds:0.0}/s)");
        Console.WriteLine($"task completions: {latencies.Count} in {seconds:0.00} s = {latencies.Count / seconds:0.0} completions/s " +
            (options.ListBeforeComplete ? "(mode inbox: each completion also lists the instance's tasks, 2 requests)" : "(mode follow: 1 request per completion)"));
        Console.WriteLine($"complete latency ms: p50 {Percentile(latencies, 0.50):0.0}  p95 {Percentile(latencies, 0.95):0.0}  p99 {Percentile(latencies, 0.99):0.0}  max {latencies[^1]:0.0}");
        if (listLatencies.Count > 0)
            Console.WriteLine($"list-tasks latency ms: p50 {Percentile(listLatencies, 0.50):0.0}  p95 {Percentile(listLatencies, 0.95):0.0}  p99 {Percentile(listLatencies, 0.99):0.0}");
        Console.WriteLine($"driver CPU during completions: {driverCpu:0.00} s, {1000 * driverCpu / latencies.Count:0.00} ms per completion");
        var busy = machineAfter.Busy - machineBefore.Busy;
        var total = machineAfter.Total - machineBefore.Total;
        if (total > 0) Console.WriteLine($"machine CPU during completions: {100.0 * busy / total:0}% busy of {Environment.ProcessorCount} cores");
        if (options.ServerPid is { } pid)
        {
            var cpu = cpuAfter - cpuBefore;
            Console.WriteLine($"server CPU during completions: {cpu:0.00} s = {cpu / seconds:0.00} cores, {1000 * cpu / latencies.Count:0.00} ms per completion");
            Console.WriteLine(ServerMemory(pid));
        }

        var check = await setup.GetFromJsonAsync<JsonObject>($"/api/instances/{instances[^1].InstanceId}");
        Console.WriteLine($"last instance status: {check!["status"]}");
        return check["status"]!.ToString() == "completed" ? 0 : 1;
    }

    private async Task<(Started[] Instances, double Seconds)> StartInstancesAsync(string key, int count, string prefix)
    {
        var watch = Stopwatch.StartNew();
        var started = new Started[count];
        await ForEachAsync(Enumerable.Range(0, count), async (client, i) =>
        {
            var response = await client.PostAsJsonAsync("/api/instances", new { definitionKey = key, businessKey = $"{prefix}-{i:D6}", variables = new { step = 0 } });
            await EnsureAsync(response, "start instance");
            var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            started[i] = new Started(body["id"]!.ToString(), body["tasks"]!.AsArray().Single()!["id"]!.ToString());
        });
        return (started, watch.Elapsed.TotalSeconds);
    }

    private sealed record Started(string InstanceId, string FirstTaskId);

    // The driver shares the cores with what it measures: request bodies are encoded once and answers read without
    // building a DOM, so its own CPU per completion stays small next to the server's.
    private static readonly byte[][] StepBodies = Enumerable.Range(1, TasksPerInstance)
        .Select(step => Encoding.UTF8.GetBytes("{\"variables\":{\"step\":" + step + "}}")).ToArray();
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    private Task CompleteAllAsync(Started[] instances, List<double> latencies, List<double> listLatencies) =>
        ForEachAsync(instances, async (client, instance) =>
        {
            var taskId = instance.FirstTaskId;
            for (var step = 0; step < TasksPerInstance; step++)
            {
                if (options.ListBeforeComplete)
                {
                    var listWatch = Stopwatch.StartNew();
                    var tasks = await client.GetFromJsonAsync<JsonArray>($"/api/tasks?instanceId={instance.InstanceId}&state=open")
                        ?? throw new InvalidOperationException("no task list");
                    lock (listLatencies) listLatencies.Add(listWatch.Elapsed.TotalMilliseconds);
                    taskId = tasks.Single()!["id"]!.ToString();
                }
                var watch = Stopwatch.StartNew();
                using var body = new ByteArrayContent(StepBodies[step]);
                body.Headers.ContentType = JsonContentType;
                using var response = await client.PostAsync($"/api/tasks/{taskId}/complete", body);
                await EnsureAsync(response, "complete task");
                var elapsed = watch.Elapsed.TotalMilliseconds;
                using var answer = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
                var next = answer.RootElement.GetProperty("nextTasks");
                if (step < TasksPerInstance - 1) taskId = next.EnumerateArray().Single().GetProperty("id").GetString()!;
                else if (next.GetArrayLength() != 0) throw new InvalidOperationException($"instance {instance.InstanceId} opened a task after the last step");
                lock (latencies) latencies.Add(elapsed);
            }
        });

    /// <summary>utime + stime of a process, in seconds (Linux /proc; clock ticks are 1/100 s).</summary>
    private static double ProcessCpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
    }

    /// <summary>Busy and total jiffies of the whole machine (first line of /proc/stat).</summary>
    private static (long Busy, long Total) MachineCpu()
    {
        if (!File.Exists("/proc/stat")) return (0, 0);
        var parts = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        var idle = parts[3] + (parts.Length > 4 ? parts[4] : 0);
        var total = parts.Take(8).Sum();
        return (total - idle, total);
    }

    private Task<HttpClient> ClientAsync() => BenchClients.SignInAsync(options.Url, options.User, options.Password, TimeSpan.FromSeconds(60));

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

    /// <summary>The clients sign in once: a password check costs the server ~100 ms of CPU and is not what is measured.</summary>
    private HttpClient[]? _clients;

    private async Task ForEachAsync<T>(IEnumerable<T> items, Func<HttpClient, T, Task> work)
    {
        _clients ??= await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(_ => ClientAsync()));
        var queue = new System.Collections.Concurrent.ConcurrentQueue<T>(items);
        var workers = _clients.Select(async client =>
        {
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
