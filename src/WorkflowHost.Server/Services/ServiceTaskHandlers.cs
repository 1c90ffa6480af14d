using System.Text.Json.Nodes;

namespace WorkflowHost.Server.Services;

/// <summary>
/// What a service task handler receives. <see cref="JobId"/> names the service job (one per request of the service
/// task, the same on every retry of it): the key a handler uses to make its side effect happen once, e.g. as the
/// idempotency key of the call it makes.
/// </summary>
public sealed record ServiceTaskContext(Guid InstanceId, string ElementId, string Topic, JsonObject Variables, Guid JobId = default);

/// <summary>
/// Code that does the work of a service task with <c>camunda:topic</c>. Implementations may be called more than
/// once for the same job (retries, a node dying mid-job), so they must be idempotent. Returning variables merges
/// them into the instance; throwing retries; throwing <see cref="BpmnErrorException"/> raises a BPMN error.
/// </summary>
public interface IServiceTaskHandler
{
    string Topic { get; }
    Task<IReadOnlyDictionary<string, JsonNode?>?> HandleAsync(ServiceTaskContext context, CancellationToken ct);
}

/// <summary>Thrown by a handler to raise a BPMN error that error boundary events can catch.</summary>
public sealed class BpmnErrorException(string errorCode, string message) : Exception(message)
{
    public string ErrorCode { get; } = errorCode;
}

/// <summary>A failure that retrying will not fix.</summary>
public sealed class ServiceTaskFailure(string message, bool retry) : Exception(message)
{
    public bool Retry { get; } = retry;
}

/// <summary>Handlers by topic.</summary>
public sealed class ServiceTaskHandlers(IEnumerable<IServiceTaskHandler> handlers)
{
    private readonly Dictionary<string, IServiceTaskHandler> _byTopic = handlers.GroupBy(h => h.Topic).ToDictionary(g => g.Key, g => g.Last());
    public IServiceTaskHandler? For(string topic) => _byTopic.GetValueOrDefault(topic);
}

/// <summary>
/// The built-in <c>notify</c> topic: records the notification (SMS/Zalo gateways are deployment-specific and
/// plug in as their own handlers under the same topic).
/// </summary>
public sealed class NotifyHandler(ILogger<NotifyHandler> logger) : IServiceTaskHandler
{
    public string Topic => "notify";

    public Task<IReadOnlyDictionary<string, JsonNode?>?> HandleAsync(ServiceTaskContext context, CancellationToken ct)
    {
        logger.LogInformation("Notification for instance {InstanceId} at {ElementId}", context.InstanceId, context.ElementId);
        IReadOnlyDictionary<string, JsonNode?> result = new Dictionary<string, JsonNode?> { ["notifiedAt"] = JsonValue.Create(DateTimeOffset.UtcNow.ToString("O")) };
        return Task.FromResult<IReadOnlyDictionary<string, JsonNode?>?>(result);
    }
}
