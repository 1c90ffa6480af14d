using System.Net;
using WorkflowHost.Server.Tests.Infrastructure;

namespace WorkflowHost.Server.Tests.Specification;

/// <summary>The inbox: who sees which task, claiming, releasing and completing.</summary>
public abstract class TasksApiTestBase<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    protected TFixture Fixture { get; } = fixture;

    private async Task<StartedDto> StartAsync(string xml, object? variables = null)
    {
        var owner = await Fixture.AsAsync("owner");
        var key = (await owner.DeployAsync(xml)).Key;
        return await (await Fixture.AsAsync("admin")).StartAsync(key, Bpmn.NewBusinessKey(), variables);
    }

    [Fact]
    public virtual async Task ListTasks_ShowsTask_WhenCallerInCandidateGroup()
    {
        var started = await StartAsync(Bpmn.OneTask(Bpmn.NewKey("visible"), groups: "reception"));
        var reception = await Fixture.AsAsync("reception.hai-chau");

        var task = Assert.Single(await reception.TasksAsync(started.Id));

        Assert.Equal(("review", "Review dossier", "open"), (task.ElementId, task.Name, task.State));
        Assert.Equal(["reception"], task.CandidateGroups);
        Assert.Null(task.Assignee);
        Assert.Equal(started.Id, task.InstanceId);
    }

    [Fact]
    public virtual async Task ListTasks_HidesTask_WhenCallerNotInCandidateGroup()
    {
        var forReception = await StartAsync(Bpmn.OneTask(Bpmn.NewKey("hidden"), groups: "reception"));
        var forOfficer = await StartAsync(Bpmn.OneTask(Bpmn.NewKey("officer"), groups: "officer"));
        var officer = await Fixture.AsAsync("officer.hai-chau");
        var reception = await Fixture.AsAsync("reception.hai-chau");

        Assert.Empty(await officer.TasksAsync(forReception.Id));
        Assert.Single(await officer.TasksAsync(forOfficer.Id));
        Assert.Empty(await reception.TasksAsync(forOfficer.Id));
        Assert.DoesNotContain(await officer.TasksAsync(), t => t.InstanceId == forReception.Id);
    }

    [Fact]
    public virtual async Task ListTasks_ShowsEveryTask_WhenCallerIsAdmin()
    {
        var forReception = await StartAsync(Bpmn.OneTask(Bpmn.NewKey("admin-a"), groups: "reception"));
        var forLeader = await StartAsync(Bpmn.OneTask(Bpmn.NewKey("admin-b"), groups: "leader"));
        var admin = await Fixture.AsAsync("admin");

        var all = await admin.TasksAsync();

        Assert.Contains(all, t => t.InstanceId == forReception.Id);
        Assert.Contains(all, t => t.InstanceId == forLeader.Id);
    }

    [Fact]
    public virtual async Task ListTasks_Returns422NamingState_WhenStateUnknown()
    {
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var problem = await ApiClient.ProblemAsync(await reception.Http.GetAsync("/api/tasks?state=sleeping"), (HttpStatusCode)422);
        Assert.Equal("state", Assert.Single(problem["errors"]!.AsArray())!["field"]!.GetValue<string>());
    }

    [Fact]
    public virtual async Task Claim_SetsAssigneeAndUnclaimClearsIt_WhenCandidateClaims()
    {
        var started = await StartAsync(Bpmn.OneTask(Bpmn.NewKey("claim"), groups: "reception"));
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var task = Assert.Single(await reception.TasksAsync(started.Id));

        var claimed = await reception.Http.PostAsync($"/api/tasks/{task.Id}/claim", null);
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        Assert.Equal("reception.hai-chau", Assert.Single(await reception.TasksAsync(started.Id)).Assignee);

        var released = await reception.Http.PostAsync($"/api/tasks/{task.Id}/unclaim", null);
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        Assert.Null(Assert.Single(await reception.TasksAsync(started.Id)).Assignee);
    }

    [Fact]
    public virtual async Task Claim_Returns409AndKeepsAssignee_WhenClaimedBySomeoneElse()
    {
        var started = await StartAsync(Bpmn.OneTask(Bpmn.NewKey("claimed"), groups: "reception,officer"));
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var officer = await Fixture.AsAsync("officer.hai-chau");
        var task = Assert.Single(await reception.TasksAsync(started.Id));
        Assert.Equal(HttpStatusCode.OK, (await reception.Http.PostAsync($"/api/tasks/{task.Id}/claim", null)).StatusCode);

        var problem = await ApiClient.ProblemAsync(await officer.Http.PostAsync($"/api/tasks/{task.Id}/claim", null), HttpStatusCode.Conflict);

        Assert.Contains("reception", problem["detail"]!.GetValue<string>());
        Assert.Equal("reception.hai-chau", Assert.Single(await officer.TasksAsync(started.Id)).Assignee);
        // Nor may the other candidate release or complete it behind the assignee's back.
        await ApiClient.ProblemAsync(await officer.Http.PostAsync($"/api/tasks/{task.Id}/unclaim", null), HttpStatusCode.Forbidden);
        await ApiClient.ProblemAsync(await officer.SendCompleteAsync(task.Id), HttpStatusCode.Forbidden);
        Assert.Equal("active", (await officer.InstanceAsync(started.Id)).Status);
    }

    [Fact]
    public virtual async Task Complete_AdvancesProcessWithVariables_WhenCandidateCompletes()
    {
        var started = await StartAsync(Bpmn.Decision(Bpmn.NewKey("advance")));
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var officer = await Fixture.AsAsync("officer.hai-chau");
        var check = Assert.Single(await reception.TasksAsync(started.Id));

        var completion = await reception.CompleteAsync(check.Id, new { decision = "accept", pages = 12 });

        // The next task belongs to officers: the answer does not show it to reception.
        Assert.Equal((check.Id, started.Id, "active", "appraise"), (completion.TaskId, completion.InstanceId, completion.InstanceStatus, Assert.Single(completion.ActiveElementIds)));
        Assert.Empty(completion.NextTasks);
        var instance = await reception.InstanceAsync(started.Id);
        Assert.Equal(["appraise"], instance.ActiveElementIds);
        Assert.Equal("accept", instance.Variables["decision"]!.GetValue<string>());
        Assert.Equal(12, instance.Variables["pages"]!.GetValue<int>());
        Assert.Empty(await reception.TasksAsync(started.Id));
        var appraise = Assert.Single(await officer.TasksAsync(started.Id));
        Assert.Equal("appraise", appraise.ElementId);
        var done = Assert.Single(await reception.TasksAsync(started.Id, state: "completed"));
        Assert.Equal(check.Id, done.Id);

        var last = await officer.CompleteAsync(appraise.Id);
        Assert.Equal("completed", last.InstanceStatus);
        Assert.Empty(last.ActiveElementIds);
        var completed = await officer.InstanceAsync(started.Id);
        Assert.Equal("completed", completed.Status);
        Assert.Equal(1, completed.Completed("done"));
        Assert.Equal(0, completed.Started("refused"));
    }

    [Fact]
    public virtual async Task Complete_AnswersNextTask_WhenCallerMayWorkOnIt()
    {
        var key = (await (await Fixture.AsAsync("owner")).DeployAsync(Bpmn.TwoTasks(Bpmn.NewKey("next"), secondGroups: "reception"))).Key;
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var started = await reception.StartAsync(key, Bpmn.NewBusinessKey());
        var first = Assert.Single(started.Tasks);
        Assert.Equal(("first", "open", started.Id), (first.ElementId, first.State, first.InstanceId));

        var completion = await reception.CompleteAsync(first.Id);

        var next = Assert.Single(completion.NextTasks);
        Assert.Equal(("second", "Appraise dossier"), (next.ElementId, next.Name));
        Assert.Equal(["reception"], next.CandidateGroups);
        Assert.Equal(Assert.Single(await reception.TasksAsync(started.Id)).Id, next.Id);
        var done = await reception.CompleteAsync(next.Id);
        Assert.Equal("completed", done.InstanceStatus);
        Assert.Empty(done.NextTasks);
    }

    [Fact]
    public virtual async Task Complete_TakesDefaultPath_WhenDecisionVariableDiffers()
    {
        var started = await StartAsync(Bpmn.Decision(Bpmn.NewKey("refuse")));
        var reception = await Fixture.AsAsync("reception.hai-chau");

        await reception.CompleteAsync(started.Id, "check", new { decision = "refuse" });

        var instance = await reception.InstanceAsync(started.Id);
        Assert.Equal("completed", instance.Status);
        Assert.Equal(1, instance.Completed("refused"));
        Assert.Equal(0, instance.Started("appraise"));
    }

    [Fact]
    public virtual async Task Complete_Returns409_WhenTaskAlreadyCompleted()
    {
        var started = await StartAsync(Bpmn.TwoTasks(Bpmn.NewKey("twice")));
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var task = Assert.Single(await reception.TasksAsync(started.Id));
        await reception.CompleteAsync(task.Id);

        var problem = await ApiClient.ProblemAsync(await reception.SendCompleteAsync(task.Id), HttpStatusCode.Conflict);

        Assert.Contains("completed", problem["detail"]!.GetValue<string>());
        var instance = await reception.InstanceAsync(started.Id);
        Assert.Equal(1, instance.Completed("first"));
        Assert.Equal(1, instance.Started("second"));
    }

    [Fact]
    public virtual async Task Complete_Returns404AndLeavesTaskOpen_WhenTaskNotVisibleToCaller()
    {
        var started = await StartAsync(Bpmn.OneTask(Bpmn.NewKey("not-mine"), groups: "reception"));
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var officer = await Fixture.AsAsync("officer.hai-chau");
        var task = Assert.Single(await reception.TasksAsync(started.Id));

        await ApiClient.ProblemAsync(await officer.SendCompleteAsync(task.Id, new { decision = "accept" }), HttpStatusCode.NotFound);
        await ApiClient.ProblemAsync(await officer.Http.PostAsync($"/api/tasks/{task.Id}/claim", null), HttpStatusCode.NotFound);

        Assert.Equal("open", Assert.Single(await reception.TasksAsync(started.Id)).State);
        var instance = await reception.InstanceAsync(started.Id);
        Assert.Equal("active", instance.Status);
        Assert.False(instance.Variables.ContainsKey("decision"));
    }

    [Fact]
    public virtual async Task Complete_Returns404_WhenTaskUnknown()
    {
        var reception = await Fixture.AsAsync("reception.hai-chau");
        await ApiClient.ProblemAsync(await reception.SendCompleteAsync(Guid.NewGuid()), HttpStatusCode.NotFound);
    }
}
