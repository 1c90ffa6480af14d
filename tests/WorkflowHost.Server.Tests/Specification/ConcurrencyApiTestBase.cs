using System.Net;
using WorkflowHost.Server.Tests.Infrastructure;

namespace WorkflowHost.Server.Tests.Specification;

/// <summary>People racing for the same task: exactly one wins, the others get 409, and no instance advances twice.</summary>
public abstract class ConcurrencyApiTestBase<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    protected TFixture Fixture { get; } = fixture;

    [Fact]
    public virtual async Task Complete_OneSucceedsOneGets409_WhenSameTaskCompletedTwiceAtOnce()
    {
        var owner = await Fixture.AsAsync("owner");
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var admin = await Fixture.AsAsync("admin");
        var key = (await owner.DeployAsync(Bpmn.TwoTasks(Bpmn.NewKey("race")))).Key;
        var started = await reception.StartAsync(key);
        var task = Assert.Single(await reception.TasksAsync(started.Id));

        var responses = await Task.WhenAll(
            reception.SendCompleteAsync(task.Id, new { winner = "reception" }),
            admin.SendCompleteAsync(task.Id, new { winner = "admin" }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        await ApiClient.ProblemAsync(responses.Single(r => r.StatusCode == HttpStatusCode.Conflict), HttpStatusCode.Conflict);
        var winner = responses[0].StatusCode == HttpStatusCode.OK ? "reception" : "admin";
        var instance = await admin.InstanceAsync(started.Id);
        Assert.Equal(winner, instance.Variables["winner"]!.GetValue<string>());
        Assert.Equal(1, instance.Completed("first"));
        Assert.Equal(1, instance.Started("second"));
        Assert.Equal(["second"], instance.ActiveElementIds);
    }

    /// <summary>
    /// Completing one of two parallel multi-instance tasks writes no new row (the task, its history row and the
    /// instance are updated; nothing starts), so no unique index can stop the second completion: only the instance's
    /// revision guard does. (The race above also inserts the next task's rows, whose unique index decides it even without
    /// the guard.)
    /// </summary>
    [Fact]
    public virtual async Task Complete_OneSucceedsOneGets409_WhenRacingForATaskWhoseCompletionInsertsNoRows()
    {
        var owner = await Fixture.AsAsync("owner");
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var admin = await Fixture.AsAsync("admin");
        var key = (await owner.DeployAsync(Bpmn.Process(Bpmn.NewKey("no-insert-race"), """
            <startEvent id="start"/>
            <sequenceFlow id="f1" sourceRef="start" targetRef="opinion"/>
            <userTask id="opinion" name="Give opinion" camunda:candidateGroups="reception">
              <multiInstanceLoopCharacteristics><loopCardinality>2</loopCardinality></multiInstanceLoopCharacteristics>
            </userTask>
            <sequenceFlow id="f2" sourceRef="opinion" targetRef="end"/>
            <endEvent id="end"/>
            """))).Key;

        for (var round = 0; round < 5; round++)
        {
            var started = await reception.StartAsync(key);
            var task = (await reception.TasksAsync(started.Id)).First();

            var responses = await Task.WhenAll(
                reception.SendCompleteAsync(task.Id, new { verdict = "reception" }),
                admin.SendCompleteAsync(task.Id, new { verdict = "admin" }));

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
            var instance = await admin.InstanceAsync(started.Id);
            Assert.Equal(1, instance.Completed("opinion"));
            Assert.Single(await admin.TasksAsync(started.Id));
            Assert.Single(await admin.TasksAsync(started.Id, state: "completed"));
        }
    }

    [Fact]
    public virtual async Task Complete_ExactlyOneWinnerPerTask_When100RequestsRaceFor50Tasks()
    {
        const int Instances = 50;
        var owner = await Fixture.AsAsync("owner");
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var admin = await Fixture.AsAsync("admin");
        var key = (await owner.DeployAsync(Bpmn.TwoTasks(Bpmn.NewKey("storm")))).Key;
        var instanceIds = new List<Guid>();
        for (var i = 0; i < Instances; i++) instanceIds.Add((await reception.StartAsync(key, $"storm-{i}")).Id);
        var tasks = (await admin.TasksAsync()).Where(t => instanceIds.Contains(t.InstanceId)).ToList();
        Assert.Equal(Instances, tasks.Count);

        // Two requests per task, from two people, all in flight together.
        var requests = tasks.SelectMany(t => new[]
        {
            reception.SendCompleteAsync(t.Id, new { by = "reception" }),
            admin.SendCompleteAsync(t.Id, new { by = "admin" }),
        }).ToList();
        var responses = await Task.WhenAll(requests);

        var byStatus = responses.GroupBy(r => r.StatusCode).ToDictionary(g => g.Key, g => g.Count());
        var unexpected = responses.Where(r => r.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Conflict)).ToList();
        Assert.True(unexpected.Count == 0,
            $"Unexpected answers: {string.Join("; ", await Task.WhenAll(unexpected.Select(async r => $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}")))}{Environment.NewLine}{Fixture.Logs.Tail()}");
        Assert.Equal(Instances, byStatus.GetValueOrDefault(HttpStatusCode.OK));
        Assert.Equal(Instances, byStatus.GetValueOrDefault(HttpStatusCode.Conflict));
        for (var i = 0; i < tasks.Count; i++)
            Assert.Equal(1, new[] { responses[2 * i], responses[2 * i + 1] }.Count(r => r.StatusCode == HttpStatusCode.OK));

        foreach (var id in instanceIds)
        {
            var instance = await admin.InstanceAsync(id);
            Assert.Equal(1, instance.Completed("first"));
            Assert.Equal(1, instance.Started("second"));
            Assert.Equal(["second"], instance.ActiveElementIds);
            var open = Assert.Single(await admin.TasksAsync(id));
            Assert.Equal("second", open.ElementId);
            Assert.Single(await admin.TasksAsync(id, state: "completed"));
        }
    }
}
