using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace WorkflowHost.Server.Notifications;

/// <summary>
/// <c>live-relay</c> in /health (PostgreSQL): degraded while this node's LISTEN connection is down, because pushes
/// committed on other nodes then reach its connections only at the next poll; nothing is lost, so never unhealthy.
/// </summary>
public sealed class LiveRelayHealthCheck(PushWakeUps wakeUps, IOptions<LiveRelayOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(wakeUps.Lost
            ? HealthCheckResult.Degraded($"Not listening: pushes from other nodes arrive by polling every {options.Value.PollInterval.TotalSeconds:0.#} s")
            // Before its first LISTEN (the first moments after start) the node is not degraded: nothing failed.
            : HealthCheckResult.Healthy(wakeUps.Listening ? "Listening for pushes committed on any node" : "Starting to listen"));
}
