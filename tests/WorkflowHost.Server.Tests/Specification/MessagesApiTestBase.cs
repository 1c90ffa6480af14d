using System.Net;
using WorkflowHost.Server.Tests.Infrastructure;

namespace WorkflowHost.Server.Tests.Specification;

/// <summary>Messages from outside: correlation by business key, unknown messages, message start events.</summary>
public abstract class MessagesApiTestBase<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    protected TFixture Fixture { get; } = fixture;

    [Fact]
    public virtual async Task Correlate_MatchesOnlyThatDossier_WhenCorrelationKeyIsBusinessKey()
    {
        var owner = await Fixture.AsAsync("owner");
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var message = $"fee-paid-{Guid.NewGuid():N}";
        var key = (await owner.DeployAsync(Bpmn.WaitForMessage(Bpmn.NewKey("pay"), message))).Key;
        var paidKey = Bpmn.NewBusinessKey();
        var paid = await reception.StartAsync(key, paidKey);
        var unpaid = await reception.StartAsync(key, Bpmn.NewBusinessKey());
        Assert.Equal(["paid"], paid.ActiveElementIds);

        var result = await reception.CorrelateAsync(message, paidKey, new { receipt = "BL-2026-0042", amount = 50000 });

        Assert.Equal(1, result.Matched);
        Assert.Empty(result.StartedInstanceIds);
        var advanced = await reception.InstanceAsync(paid.Id);
        Assert.Equal(["issue"], advanced.ActiveElementIds);
        Assert.Equal("BL-2026-0042", advanced.Variables["receipt"]!.GetValue<string>());
        Assert.Equal(1, advanced.Completed("paid"));
        Assert.Equal("issue", Assert.Single(await reception.TasksAsync(paid.Id)).ElementId);
        var waiting = await reception.InstanceAsync(unpaid.Id);
        Assert.Equal(["paid"], waiting.ActiveElementIds);
        Assert.False(waiting.Variables.ContainsKey("receipt"));

        // The wait is gone: the same message again matches nothing.
        Assert.Equal(0, (await reception.CorrelateAsync(message, paidKey)).Matched);
    }

    [Fact]
    public virtual async Task Correlate_MatchesNothing_WhenNoOneWaitsForMessage()
    {
        var owner = await Fixture.AsAsync("owner");
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var key = (await owner.DeployAsync(Bpmn.WaitForMessage(Bpmn.NewKey("nobody"), $"expected-{Guid.NewGuid():N}"))).Key;
        var businessKey = Bpmn.NewBusinessKey();
        var started = await reception.StartAsync(key, businessKey);

        var result = await reception.CorrelateAsync($"unknown-{Guid.NewGuid():N}", businessKey);

        Assert.Equal(0, result.Matched);
        Assert.Empty(result.StartedInstanceIds);
        Assert.Equal(["paid"], (await reception.InstanceAsync(started.Id)).ActiveElementIds);
    }

    [Fact]
    public virtual async Task Correlate_StartsNewInstance_WhenMessageStartEventPublished()
    {
        var owner = await Fixture.AsAsync("owner");
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var message = $"online-dossier-{Guid.NewGuid():N}";
        var key = (await owner.DeployAsync(Bpmn.StartedByMessage(Bpmn.NewKey("portal"), message))).Key;
        var businessKey = Bpmn.NewBusinessKey();

        var result = await reception.CorrelateAsync(message, businessKey, new { channel = "national-portal" });

        Assert.Equal(1, result.Matched);
        var id = Assert.Single(result.StartedInstanceIds);
        var instance = await reception.InstanceAsync(id);
        Assert.Equal((key, businessKey, "active"), (instance.DefinitionKey, instance.BusinessKey, instance.Status));
        Assert.Equal("national-portal", instance.Variables["channel"]!.GetValue<string>());
        Assert.Equal(1, instance.Completed("received"));
        Assert.Equal("check", Assert.Single(await reception.TasksAsync(id)).ElementId);
    }

    [Fact]
    public virtual async Task Correlate_Returns422NamingField_WhenNameMissing()
    {
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var problem = await ApiClient.ProblemAsync(await reception.SendMessageAsync("", "x"), (HttpStatusCode)422);
        Assert.Equal("name", Assert.Single(problem["errors"]!.AsArray())!["field"]!.GetValue<string>());
    }
}
