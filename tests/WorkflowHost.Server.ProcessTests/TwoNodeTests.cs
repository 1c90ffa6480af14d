using System.Diagnostics;
using System.Net;
using WorkflowHost.Testing;
using Xunit.Abstractions;

namespace WorkflowHost.Server.ProcessTests;

/// <summary>Two server processes on one PostgreSQL database: timers fire once, and a task is completed once.</summary>
[Collection("postgres")]
public sealed class TwoNodeTests(SharedPostgres pg, ITestOutputHelper output)
{
    private const int Instances = 200;
    private const int RacedTasks = 50;

    [Fact]
    public async Task Two_nodes_fire_every_timer_once_and_complete_every_task_once()
    {
        await using var harness = new Harness(output, await pg.CreateDatabaseAsync());
        await harness.RunAsync(async () =>
        {
            // Both nodes start together on the empty database (migrations, Hangfire schema and demo users race).
            var nodes = await Task.WhenAll(harness.StartServerAsync("node A"), harness.StartServerAsync("node B"));
            var (a, b) = (nodes[0], nodes[1]);
            var key = $"two-nodes-{Guid.NewGuid():N}"[..20];
            await a.DeployAsync(Bpmn.TimerThenTask(key, "PT8S"));

            // 200 instances, alternately on A and B, 4 clients per node.
            var clientsA = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => a.SignInAsync()));
            var clientsB = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => b.SignInAsync()));
            var watch = Stopwatch.StartNew();
            var ids = new Guid[Instances];
            await Harness.ForEachAsync(Enumerable.Range(0, Instances), 8, async i =>
            {
                var (node, clients) = i % 2 == 0 ? (a, clientsA) : (b, clientsB);
                ids[i] = await node.StartInstanceAsync(key, $"N-{i:D3}", clients[i / 2 % clients.Length]);
            });
            harness.Log($"{Instances} instances started over both nodes in {watch.Elapsed.TotalSeconds:0.00} s");
            foreach (var client in clientsA.Concat(clientsB))
            {
                client.Dispose();
            }

            await harness.WaitUntilAsync($"all {Instances} timers done", TimeSpan.FromSeconds(90), async () =>
            {
                var counts = await harness.TimerStatusesAsync();
                return (counts.GetValueOrDefault("done") == Instances, Harness.Describe(counts));
            });
            await Task.Delay(TimeSpan.FromSeconds(2)); // a duplicate firing would show up by now

            var timers = await harness.TimerStatusesAsync();
            Assert.True(timers.Count == 1 && timers.GetValueOrDefault("done") == Instances,
                $"Expected exactly {Instances} timer rows, all done; found {Harness.Describe(timers)}.");

            // Each instance: the timer once in its history, exactly one open task.
            await Harness.ForEachAsync(Enumerable.Range(0, Instances), 4, async i =>
            {
                var view = await (i % 2 == 0 ? a : b).GetInstanceAsync(ids[i]);
                Assert.Equal("active", view["status"]!.GetValue<string>());
                RestartTests.AssertFiredOnce(view, ids[i]);
            });
            var open = await a.ListTasksAsync("state=open&limit=500");
            var openByInstance = open.Select(t => t!.AsObject()).GroupBy(t => Guid.Parse(t["instanceId"]!.GetValue<string>()))
                .ToDictionary(g => g.Key, g => g.ToList());
            Assert.Equal(Instances, open.Count);
            foreach (var id in ids)
            {
                Assert.True(openByInstance.TryGetValue(id, out var tasks) && tasks.Count == 1,
                    $"Instance {id} has {(openByInstance.TryGetValue(id, out var t) ? t.Count : 0)} open tasks, expected 1.");
            }

            // 50 tasks, each completed twice at the same moment: once through A, once through B.
            var raced = ids.Take(RacedTasks).Select(id => (Instance: id, Task: openByInstance[id].Single()["id"]!.GetValue<string>())).ToList();
            using var raceA = await a.SignInAsync();
            using var raceB = await b.SignInAsync();
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            // Shuffled, so neither node always sends first.
            var pairs = raced.SelectMany(r => new[] { (r.Instance, r.Task, Node: "A", Client: raceA), (r.Instance, r.Task, Node: "B", Client: raceB) }).ToArray();
            new Random(20261126).Shuffle(pairs);
            var requests = pairs
                .Select(async r =>
                {
                    await gate.Task;
                    using var response = await r.Client.PostAsync($"/api/tasks/{r.Task}/complete",
                        new StringContent("""{"variables":{"approved":true}}""", System.Text.Encoding.UTF8, "application/json"));
                    return (r.Instance, r.Task, r.Node, Status: response.StatusCode, Body: await response.Content.ReadAsStringAsync());
                }).ToList();
            gate.SetResult();
            var results = await Task.WhenAll(requests);
            var ok = results.Count(r => (int)r.Status is >= 200 and < 300);
            var conflicts = results.Count(r => r.Status == HttpStatusCode.Conflict);
            var summary = string.Join(", ", results.GroupBy(r => $"{(int)r.Status} via {r.Node}").OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"));
            harness.Log($"{results.Length} concurrent completions: {summary}");
            var unexpected = results.Where(r => (int)r.Status is not (>= 200 and < 300) && r.Status != HttpStatusCode.Conflict).Take(5)
                .Select(r => $"{r.Task} via {r.Node}: {(int)r.Status} {r.Body}");
            Assert.True(ok == RacedTasks && conflicts == RacedTasks,
                $"Expected {RacedTasks} successes and {RacedTasks} × 409; got {summary}. Unexpected answers: {string.Join(" | ", unexpected)}");
            foreach (var group in results.GroupBy(r => r.Task))
            {
                Assert.True(group.Count(r => (int)r.Status is >= 200 and < 300) == 1,
                    $"Task {group.Key}: {string.Join(", ", group.Select(r => $"{(int)r.Status} via {r.Node}"))}");
            }

            // Each raced instance ran its task once and ended; the others still wait with one open task.
            await Harness.ForEachAsync(raced, 4, async r =>
            {
                var view = await b.GetInstanceAsync(r.Instance);
                Assert.Equal("completed", view["status"]!.GetValue<string>());
                var review = Harness.HistoryOf(view, "review");
                Assert.True(review.Count == 1 && review[0]["endedAt"] is not null,
                    $"Instance {r.Instance}: task 'review' appears {review.Count} times in the history: {view["history"]!.ToJsonString()}");
                Assert.Single(Harness.HistoryOf(view, "end"));
                var completed = await a.ListTasksAsync($"instanceId={r.Instance}&state=completed");
                Assert.True(completed.Count == 1, $"Instance {r.Instance} has {completed.Count} completed tasks: {completed.ToJsonString()}");
                Assert.Empty(await a.ListTasksAsync($"instanceId={r.Instance}&state=open"));
            });
            Assert.Equal(Instances - RacedTasks, (await b.ListTasksAsync("state=open&limit=500")).Count);

            var jobs = await harness.HangfireJobStatesAsync();
            harness.Log($"Hangfire jobs: {Harness.Describe(jobs)}");
            Assert.False(jobs.ContainsKey("Failed"), $"Hangfire has failed jobs: {Harness.Describe(jobs)}");
        });
    }
}
