using WorkflowHost.Server.Tests.Infrastructure;

namespace WorkflowHost.Server.Tests.Conformance;

/// <summary>
/// Shared steps of the conformance suites: deploy a corpus file (rewritten, with test-unique keys) and drive its
/// instance as a person would. The cases' tasks have no candidate groups, so the admin works them.
/// </summary>
public abstract class ConformanceApiTestBase<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    protected TFixture Fixture { get; } = fixture;

    protected static readonly TimeSpan TimerDeadline = TimeSpan.FromSeconds(12);

    protected Task<ApiClient> AdminAsync() => Fixture.AsAsync("admin");

    /// <summary>Deploys and publishes a corpus file after <paramref name="rewrite"/>; returns its definition key.</summary>
    protected async Task<string> DeployAsync(string file, Func<string, string> rewrite, IReadOnlyDictionary<string, string>? calledKeys = null,
        Func<string, string>? adapt = null)
    {
        var xml = RestHarness.UniqueKeys(rewrite(RestHarness.Read(file)), Guid.NewGuid().ToString("N")[..12], calledKeys);
        if (adapt is not null) xml = adapt(xml);
        var owner = await Fixture.AsAsync("owner");
        return (await owner.DeployAsync(xml, publish: true)).Key;
    }

    /// <summary>Starts an instance with a fresh business key (what messages correlate on).</summary>
    protected async Task<(StartedDto Started, string BusinessKey)> StartAsync(string key, object? variables = null)
    {
        var businessKey = Bpmn.NewBusinessKey();
        return (await (await AdminAsync()).StartAsync(key, businessKey, variables), businessKey);
    }

    protected async Task<bool> IsReadyAsync(Guid instanceId, string taskName) =>
        (await (await AdminAsync()).OpenTaskNamesAsync(instanceId)).Contains(taskName);

    protected async Task CompleteTaskAsync(Guid instanceId, string taskName, object? variables = null) =>
        await (await AdminAsync()).CompleteAsync(instanceId, taskName, variables);

    protected async Task<InstanceDto> InstanceAsync(Guid instanceId) => await (await AdminAsync()).InstanceAsync(instanceId);

    /// <summary>The instance, asserted completed with nothing left open (no tasks, no active elements).</summary>
    protected async Task<InstanceDto> AssertCompletedAsync(Guid instanceId)
    {
        var instance = await InstanceAsync(instanceId);
        Assert.True(instance.Status == "completed", $"[{Fixture.Provider}] Expected completed: {instance.Describe()}");
        Assert.Empty(instance.ActiveElementIds);
        Assert.Empty(await (await AdminAsync()).TasksAsync(instanceId));
        return instance;
    }
}
