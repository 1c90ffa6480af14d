using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Server.Services;
using WorkflowHost.Server.Tests.Infrastructure;

namespace WorkflowHost.Server.Tests.Specification;

/// <summary>The service-task suite's host: the real host plus <see cref="TestHandlers"/>.</summary>
public sealed class ServiceTaskSetup : HostSetup
{
    public TestHandlers Handlers { get; } = new();

    public override void ConfigureServices(IServiceCollection services) => Handlers.Register(services);
}

/// <summary>Service tasks run through Hangfire by registered handlers: success, retries into an incident, retry of the incident, BPMN errors.</summary>
public abstract class ServiceTasksApiTestBase<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture, IHostFixture<ServiceTaskSetup>
{
    protected TFixture Fixture { get; } = fixture;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private async Task<StartedDto> StartAsync(string xml, object? variables = null)
    {
        var key = (await (await Fixture.AsAsync("owner")).DeployAsync(xml)).Key;
        return await (await Fixture.AsAsync("reception.hai-chau")).StartAsync(key, Bpmn.NewBusinessKey(), variables);
    }

    [Fact]
    public virtual async Task ServiceTask_CompletesInstanceWithHandlerOutput_WhenHandlerSucceeds()
    {
        var started = await StartAsync(Bpmn.ServiceTask(Bpmn.NewKey("echo"), TestHandlers.EchoTopic), new { fee = 25000 });
        Assert.Equal(["call"], started.ActiveElementIds);
        var reception = await Fixture.AsAsync("reception.hai-chau");

        var instance = await reception.WaitForStatusAsync(started.Id, "completed", Deadline);

        Assert.Equal(50000, instance.Variables["doubledFee"]!.GetValue<int>());
        Assert.Equal(25000, instance.Variables["fee"]!.GetValue<int>());
        Assert.Equal(1, instance.Completed("call"));
        Assert.Equal(1, Fixture.Setup.Handlers.Echo.CallsFor(started.Id));
    }

    [Fact]
    public virtual async Task Handler_GetsTheJobIdOfItsRow_SoItCanBeIdempotent()
    {
        var started = await StartAsync(Bpmn.ServiceTask(Bpmn.NewKey("job-id"), TestHandlers.EchoTopic), new { fee = 1000 });
        await (await Fixture.AsAsync("reception.hai-chau")).WaitForStatusAsync(started.Id, "completed", Deadline);

        using var scope = Fixture.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowHost.Data.WorkflowDbContext>();
        var row = db.ServiceJobs.Single(j => j.InstanceId == started.Id);
        var context = Assert.Single(Fixture.Setup.Handlers.Echo.ContextsFor(started.Id));
        Assert.Equal(row.Id, context.JobId);
    }

    [Fact]
    public virtual async Task Reconciler_LeavesAFreshJobToTheDispatcher_AndQueuesOnlyOneThatWaitedPastTheGracePeriod()
    {
        var started = await StartAsync(Bpmn.ServiceTask(Bpmn.NewKey("reconcile"), TestHandlers.EchoTopic), new { fee = 1000 });
        await (await Fixture.AsAsync("reception.hai-chau")).WaitForStatusAsync(started.Id, "completed", Deadline);
        Guid fresh, stale;
        using (var scope = Fixture.Factory.Services.CreateScope())
        {
            // Two pending rows without a Hangfire job: one just committed (its dispatcher is about to enqueue it), one
            // whose node died after commit a while ago. The instance ended, so running either is a no-op.
            var db = scope.ServiceProvider.GetRequiredService<WorkflowHost.Data.WorkflowDbContext>();
            var template = db.ServiceJobs.AsNoTracking().Single(j => j.InstanceId == started.Id);
            var now = DateTimeOffset.UtcNow;
            fresh = Guid.NewGuid();
            stale = Guid.NewGuid();
            foreach (var (id, created, engineId) in new[] { (fresh, now, 9001L), (stale, now - TimeSpan.FromMinutes(5), 9002L) })
                db.ServiceJobs.Add(new WorkflowHost.Data.Entities.ServiceJobEntity
                {
                    Id = id, InstanceId = started.Id, EngineJobId = engineId, ElementId = template.ElementId, Topic = "test-nobody-handles",
                    PayloadJson = "{}", Status = "pending", CreatedAt = created,
                });
            await db.SaveChangesAsync();
        }

        using (var scope = Fixture.Factory.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<WorkflowHost.Server.Jobs.ServiceJobRunner>().ReconcileAsync(CancellationToken.None);

        using (var scope = Fixture.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowHost.Data.WorkflowDbContext>();
            var rows = db.ServiceJobs.AsNoTracking().Where(j => j.Id == fresh || j.Id == stale).ToDictionary(j => j.Id);
            Assert.Null(rows[fresh].HangfireJobId);
            Assert.NotNull(rows[stale].HangfireJobId);
            await db.ServiceJobs.Where(j => j.Id == fresh || j.Id == stale).ExecuteDeleteAsync();
        }
    }

    [Fact]
    public virtual async Task ServiceTask_BecomesIncidentAfterConfiguredAttempts_WhenHandlerAlwaysFails()
    {
        var started = await StartAsync(Bpmn.ServiceTask(Bpmn.NewKey("fails"), TestHandlers.FailingTopic));
        var manager = await Fixture.AsAsync("manager.hai-chau");

        var instance = await manager.WaitForStatusAsync(started.Id, "incident", Deadline);

        var incident = Assert.Single(await manager.IncidentsAsync(started.Id));
        Assert.Equal("call", incident.ElementId);
        Assert.Contains("the registry gateway is down", incident.Message);
        Assert.Contains($"after {ApiFixture.ServiceJobAttempts} attempts", incident.Message);
        Assert.Null(incident.ResolvedAt);
        Assert.Equal(incident.Id, Assert.Single(instance.Incidents).Id);
        Assert.Equal(["call"], instance.ActiveElementIds);
        var calls = Fixture.Setup.Handlers.Failing.CallTimes(started.Id);
        Assert.Equal(ApiFixture.ServiceJobAttempts, calls.Count);
        Assert.True(calls[1] - calls[0] >= ApiFixture.ServiceJobRetryDelay - TimeSpan.FromMilliseconds(20),
            $"The retry came {(calls[1] - calls[0]).TotalMilliseconds:0} ms after the first attempt; the configured delay is {ApiFixture.ServiceJobRetryDelay.TotalMilliseconds} ms.");

        // Operators see it; reception staff may not.
        Assert.Contains(await manager.GetAsync<List<IncidentDto>>("/api/incidents"), i => i.Id == incident.Id);
        var reception = await Fixture.AsAsync("reception.hai-chau");
        await ApiClient.ProblemAsync(await reception.Http.GetAsync("/api/incidents"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public virtual async Task RetryIncident_CompletesInstance_WhenHandlerNowSucceeds()
    {
        var started = await StartAsync(Bpmn.ServiceTask(Bpmn.NewKey("retry"), TestHandlers.HealableTopic));
        var admin = await Fixture.AsAsync("admin");
        await admin.WaitForStatusAsync(started.Id, "incident", Deadline);
        var incident = Assert.Single(await admin.IncidentsAsync(started.Id));
        Assert.Equal(ApiFixture.ServiceJobAttempts, Fixture.Setup.Handlers.Healable.CallsFor(started.Id));

        Fixture.Setup.Handlers.Healable.Heal(started.Id);
        var response = await admin.Http.PostAsync($"/api/incidents/{incident.Id}/retry", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual("incident", (await response.Content.ReadFromJsonAsync<StartedDto>(ApiClient.Json))!.Status);
        var instance = await admin.WaitForStatusAsync(started.Id, "completed", Deadline);
        Assert.Equal("healed", instance.Variables["outcome"]!.GetValue<string>());
        Assert.Equal(ApiFixture.ServiceJobAttempts + 1, Fixture.Setup.Handlers.Healable.CallsFor(started.Id));
        Assert.Empty(instance.Incidents);
        Assert.Empty(await admin.IncidentsAsync(started.Id));
        Assert.NotNull(Assert.Single(await admin.IncidentsAsync(started.Id, includeResolved: true)).ResolvedAt);

        var again = await admin.Http.PostAsync($"/api/incidents/{incident.Id}/retry", null);
        await ApiClient.ProblemAsync(again, HttpStatusCode.Conflict);
    }

    [Fact]
    public virtual async Task RetryIncident_ResumesWithSuppliedVariable_WhenGatewayConditionLackedIt()
    {
        var started = await StartAsync(Bpmn.Process(Bpmn.NewKey("repair"), """
            <startEvent id="start"/>
            <sequenceFlow id="f1" sourceRef="start" targetRef="check"/>
            <userTask id="check" name="Check completeness" camunda:candidateGroups="reception"/>
            <sequenceFlow id="f2" sourceRef="check" targetRef="decide"/>
            <exclusiveGateway id="decide"/>
            <sequenceFlow id="toVerify" sourceRef="decide" targetRef="verify"><conditionExpression>${verificationNeeded == true}</conditionExpression></sequenceFlow>
            <sequenceFlow id="toDone" sourceRef="decide" targetRef="done"><conditionExpression>${verificationNeeded == false}</conditionExpression></sequenceFlow>
            <userTask id="verify" name="Verify at the civil-status register" camunda:candidateGroups="officer"/>
            <sequenceFlow id="f3" sourceRef="verify" targetRef="done"/>
            <endEvent id="done"/>
            """));
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var manager = await Fixture.AsAsync("manager.hai-chau");
        var completion = await reception.CompleteAsync(started.Id, "check");
        Assert.Equal("incident", completion.InstanceStatus);
        var incident = Assert.Single(await manager.IncidentsAsync(started.Id));
        Assert.Equal("decide", incident.ElementId);

        var malformed = await manager.Http.PostAsync($"/api/incidents/{incident.Id}/retry",
            new StringContent("""{"variables": 5}""", System.Text.Encoding.UTF8, "application/json"));
        await ApiClient.ProblemAsync(malformed, HttpStatusCode.BadRequest);
        Assert.Single(await manager.IncidentsAsync(started.Id));

        var retried = await manager.Http.PostAsJsonAsync($"/api/incidents/{incident.Id}/retry", new { variables = new { verificationNeeded = true } });

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var instance = await manager.InstanceAsync(started.Id);
        Assert.Equal("active", instance.Status);
        Assert.Equal(["verify"], instance.ActiveElementIds);
        Assert.True(instance.Variables["verificationNeeded"]!.GetValue<bool>());
        Assert.Empty(await manager.IncidentsAsync(started.Id));
    }

    [Fact]
    public virtual async Task RetryIncident_Returns404Problem_WhenIncidentUnknown()
    {
        var admin = await Fixture.AsAsync("admin");
        await ApiClient.ProblemAsync(await admin.Http.PostAsync($"/api/incidents/{Guid.NewGuid()}/retry", null), HttpStatusCode.NotFound);
    }

    [Fact]
    public virtual async Task ServiceTask_FollowsErrorBoundaryWithoutRetrying_WhenHandlerRaisesBpmnError()
    {
        var key = Bpmn.NewKey("bpmn-error");
        var started = await StartAsync(Bpmn.Process(key, $"""
            <startEvent id="start"/>
            <sequenceFlow id="f1" sourceRef="start" targetRef="call"/>
            <serviceTask id="call" name="Check land register" camunda:type="external" camunda:topic="{TestHandlers.BpmnErrorTopic}"/>
            <boundaryEvent id="refused" attachedToRef="call"><errorEventDefinition errorRef="err"/></boundaryEvent>
            <sequenceFlow id="f2" sourceRef="refused" targetRef="inform"/>
            <userTask id="inform" name="Inform applicant of refusal" camunda:candidateGroups="reception"/>
            <sequenceFlow id="f3" sourceRef="inform" targetRef="refusedEnd"/>
            <endEvent id="refusedEnd"/>
            <sequenceFlow id="f4" sourceRef="call" targetRef="end"/>
            <endEvent id="end"/>
            """, extraRoot: """<error id="err" name="Land parcel disputed" errorCode="PARCEL_DISPUTED"/>"""));
        var reception = await Fixture.AsAsync("reception.hai-chau");

        var instance = await reception.WaitForInstanceAsync(started.Id, i => i.ActiveElementIds.Contains("inform"), Deadline, "the error boundary path");

        Assert.Equal("active", instance.Status);
        Assert.Equal(1, instance.Cancelled("call"));
        Assert.Equal(1, instance.Completed("refused"));
        Assert.Empty(instance.Incidents);
        Assert.Equal(1, Fixture.Setup.Handlers.BpmnError.CallsFor(started.Id));
        Assert.Equal("inform", Assert.Single(await reception.TasksAsync(started.Id)).ElementId);
    }

    [Fact]
    public virtual async Task ReconcileServiceJobs_RequeuesPendingJob_WhenItsHangfireJobWasLost()
    {
        var started = await StartAsync(Bpmn.ServiceTask(Bpmn.NewKey("lost"), TestHandlers.BlockingTopic));
        var admin = await Fixture.AsAsync("admin");
        var deadline = DateTime.UtcNow + Deadline;
        while (Fixture.Setup.Handlers.Blocking.CallsFor(started.Id) == 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Equal(1, Fixture.Setup.Handlers.Blocking.CallsFor(started.Id));

        // The node running the job "dies": the row is pending and its Hangfire job id points at nothing.
        using (var scope = Fixture.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowHost.Data.WorkflowDbContext>();
            await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(
                db.ServiceJobs.Where(j => j.InstanceId == started.Id), s => s.SetProperty(j => j.HangfireJobId, "987654321"));
            var queued = await scope.ServiceProvider.GetRequiredService<WorkflowHost.Server.Jobs.ServiceJobRunner>().ReconcileAsync(CancellationToken.None);
            Assert.Equal(1, queued);
        }

        var instance = await admin.WaitForStatusAsync(started.Id, "completed", Deadline);
        Assert.Equal(2, instance.Variables["finishedByCall"]!.GetValue<int>());

        // The first run comes back late: finishing checks the row, so nothing runs twice.
        Fixture.Setup.Handlers.Blocking.Release(started.Id);
        await Task.Delay(500);
        instance = await admin.InstanceAsync(started.Id);
        Assert.Equal("completed", instance.Status);
        Assert.Equal(1, instance.Completed("call"));
        Assert.Equal(2, instance.Variables["finishedByCall"]!.GetValue<int>());
        using var again = Fixture.Factory.Services.CreateScope();
        Assert.Equal(0, await again.ServiceProvider.GetRequiredService<WorkflowHost.Server.Jobs.ServiceJobRunner>().ReconcileAsync(CancellationToken.None));
    }
}

/// <summary>The handlers the service-task suite registers, one per behaviour, counting calls per instance.</summary>
public sealed class TestHandlers
{
    public const string EchoTopic = "test-echo";
    public const string FailingTopic = "test-always-fails";
    public const string HealableTopic = "test-healable";
    public const string BpmnErrorTopic = "test-bpmn-error";

    public RecordingHandler Echo { get; } = new(EchoTopic, (context, _) => new Dictionary<string, JsonNode?>
    {
        ["doubledFee"] = context.Variables["fee"]!.GetValue<int>() * 2,
    });

    public RecordingHandler Failing { get; } = new(FailingTopic, (_, _) => throw new InvalidOperationException("the registry gateway is down"));

    public RecordingHandler Healable { get; } = new(HealableTopic, (context, handler) => handler.IsHealed(context.InstanceId)
        ? new Dictionary<string, JsonNode?> { ["outcome"] = "healed" }
        : throw new InvalidOperationException("the tax office does not answer"));

    public RecordingHandler BpmnError { get; } = new(BpmnErrorTopic, (_, _) => throw new BpmnErrorException("PARCEL_DISPUTED", "The parcel is under dispute."));

    public const string BlockingTopic = "test-blocking";

    /// <summary>Its first call per instance hangs until released, like a job whose node died mid-way.</summary>
    public BlockingHandler Blocking { get; } = new(BlockingTopic);

    public void Register(IServiceCollection services)
    {
        foreach (var handler in new[] { Echo, Failing, Healable, BpmnError }) services.AddSingleton<IServiceTaskHandler>(handler);
        services.AddSingleton<IServiceTaskHandler>(Blocking);
    }
}

/// <summary>A handler whose behaviour is a function; records when it was called for which instance.</summary>
public sealed class RecordingHandler(string topic, Func<ServiceTaskContext, RecordingHandler, IReadOnlyDictionary<string, JsonNode?>?> behaviour) : IServiceTaskHandler
{
    private readonly ConcurrentDictionary<Guid, ConcurrentQueue<DateTimeOffset>> _calls = new();
    private readonly ConcurrentDictionary<Guid, bool> _healed = new();
    private readonly ConcurrentDictionary<Guid, ConcurrentQueue<ServiceTaskContext>> _contexts = new();

    public string Topic => topic;

    public Task<IReadOnlyDictionary<string, JsonNode?>?> HandleAsync(ServiceTaskContext context, CancellationToken ct)
    {
        _calls.GetOrAdd(context.InstanceId, _ => new()).Enqueue(DateTimeOffset.UtcNow);
        _contexts.GetOrAdd(context.InstanceId, _ => new()).Enqueue(context);
        return Task.FromResult(behaviour(context, this));
    }

    public int CallsFor(Guid instanceId) => CallTimes(instanceId).Count;

    public IReadOnlyList<ServiceTaskContext> ContextsFor(Guid instanceId) => _contexts.TryGetValue(instanceId, out var contexts) ? [.. contexts] : [];

    public IReadOnlyList<DateTimeOffset> CallTimes(Guid instanceId) => _calls.TryGetValue(instanceId, out var calls) ? [.. calls] : [];

    /// <summary>From now on the handler succeeds for this instance.</summary>
    public void Heal(Guid instanceId) => _healed[instanceId] = true;

    public bool IsHealed(Guid instanceId) => _healed.ContainsKey(instanceId);
}

/// <summary>A handler whose first call for an instance waits until <see cref="Release"/>; later calls return at once.</summary>
public sealed class BlockingHandler(string topic) : IServiceTaskHandler
{
    private readonly ConcurrentDictionary<Guid, int> _calls = new();
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _gates = new();

    public string Topic => topic;

    public async Task<IReadOnlyDictionary<string, JsonNode?>?> HandleAsync(ServiceTaskContext context, CancellationToken ct)
    {
        var call = _calls.AddOrUpdate(context.InstanceId, 1, (_, n) => n + 1);
        if (call == 1) await _gates.GetOrAdd(context.InstanceId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        return new Dictionary<string, JsonNode?> { ["finishedByCall"] = call };
    }

    public int CallsFor(Guid instanceId) => _calls.GetValueOrDefault(instanceId);

    public void Release(Guid instanceId) => _gates.GetOrAdd(instanceId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
