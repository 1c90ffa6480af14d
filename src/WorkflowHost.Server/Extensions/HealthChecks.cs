using System.Text.Json;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WorkflowHost.Server.Extensions;

/// <summary>Hangfire is healthy when its storage answers and at least one server of this deployment is alive.</summary>
public sealed class HangfireHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var monitoring = storage.GetMonitoringApi();
            var servers = monitoring.Servers().Count;
            var data = new Dictionary<string, object> { ["servers"] = servers, ["scheduled"] = monitoring.ScheduledCount(), ["failed"] = monitoring.FailedCount() };
            return Task.FromResult(servers > 0
                ? HealthCheckResult.Healthy($"{servers} Hangfire server(s) running", data)
                : HealthCheckResult.Unhealthy("No Hangfire server is running", data: data));
        }
        catch (Exception ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Hangfire storage does not answer", ex));
        }
    }
}

/// <summary>Writes /health as JSON: overall status and one entry per check.</summary>
public static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString().ToLowerInvariant(),
                description = e.Value.Description,
                data = e.Value.Data,
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}

/// <summary>The dashboard is for admins only; the endpoint policy already requires the role, this re-checks it.</summary>
public sealed class HangfireAdminAuthorization : IDashboardAsyncAuthorizationFilter
{
    public Task<bool> AuthorizeAsync(DashboardContext context) =>
        Task.FromResult(context.GetHttpContext().User.IsInRole(Roles.Admin));
}
