using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

/// <summary>
/// --mode migration: how long the dry run and the batched migration of N running instances take against a running
/// WorkflowHost. Publishes v1 of a fresh key (start → t1 → t2 → end), starts N instances with C clients, publishes v2
/// (t1 renamed r1), then times POST /api/migrations/plan and the migration job until GET /api/migrations/{id} says
/// completed.
///   dotnet run -c Release --project tests/WorkflowHost.LoadDriver -- --mode migration --url http://127.0.0.1:5080 --instances 2000 --clients 8
/// </summary>
internal static class MigrationBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        var url = new Uri(Get("--url", "http://127.0.0.1:5080"));
        var count = int.Parse(Get("--instances", "2000"));
        var clientCount = int.Parse(Get("--clients", "8"));
        var key = $"migration-bench-{Guid.NewGuid():N}"[..28];
        var clients = await Task.WhenAll(Enumerable.Range(0, clientCount).Select(_ => ClientAsync(url)));
        var admin = clients[0];

        await DeployAsync(admin, key, "t1");
        var watch = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(clients.Select(async client =>
        {
            while (Interlocked.Increment(ref next) is var i && i < count)
                await EnsureAsync(await client.PostAsJsonAsync("/api/instances", new { definitionKey = key, businessKey = $"MIG-{i:D6}" }), "start");
        }));
        Console.WriteLine($"instances started: {count} in {watch.Elapsed.TotalSeconds:0.00} s");
        await DeployAsync(admin, key, "r1");

        var body = new { definitionKey = key, fromVersion = 1, toVersion = 2, elementMap = new Dictionary<string, string> { ["t1"] = "r1" } };
        watch.Restart();
        var plan = await EnsureAsync(await admin.PostAsJsonAsync("/api/migrations/plan", body), "plan");
        var planSeconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"dry run: {plan["movable"]} movable, {plan["refused"]} refused, answered in {planSeconds:0.00} s ({count / planSeconds:0} instances/s)");

        watch.Restart();
        var accepted = await EnsureAsync(await admin.PostAsJsonAsync("/api/migrations", body), "start migration");
        Console.WriteLine($"POST /api/migrations answered 202 in {watch.Elapsed.TotalSeconds:0.00} s");
        var id = accepted["id"]!.ToString();
        JsonObject progress;
        do
        {
            await Task.Delay(250);
            progress = (await admin.GetFromJsonAsync<JsonObject>($"/api/migrations/{id}?limit=1"))!;
        }
        while (progress["status"]!.ToString() != "completed" && watch.Elapsed < TimeSpan.FromMinutes(30));
        var seconds = watch.Elapsed.TotalSeconds;
        var migrated = (int)progress["migrated"]!;
        Console.WriteLine($"migration: {migrated} migrated, {progress["failed"]} failed, {progress["refused"]} refused in {seconds:0.00} s " +
            $"= {migrated / seconds:0} instances/s (accept + batches of 100, polled every 250 ms)");
        return migrated == count ? 0 : 1;
    }

    private static async Task DeployAsync(HttpClient client, string key, string firstTask)
    {
        var xml = $"""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="bench">
              <process id="{key}" isExecutable="true"><startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="{firstTask}"/>
                <userTask id="{firstTask}" name="Receive" camunda:candidateGroups="reception"/><sequenceFlow id="f2" sourceRef="{firstTask}" targetRef="t2"/>
                <userTask id="t2" name="Appraise" camunda:candidateGroups="officer"/><sequenceFlow id="f3" sourceRef="t2" targetRef="e"/><endEvent id="e"/></process>
            </definitions>
            """;
        await EnsureAsync(await client.PostAsync("/api/definitions?publish=true", new StringContent(xml, Encoding.UTF8, "application/xml")), "deploy");
    }

    private static Task<HttpClient> ClientAsync(Uri url) => BenchClients.SignInAsync(url, "admin", "admin", TimeSpan.FromMinutes(5));

    private static async Task<JsonObject> EnsureAsync(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {text}");
        return text.Length > 0 && text[0] == '{' ? JsonNode.Parse(text)!.AsObject() : new JsonObject();
    }
}
