using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Services;

/// <summary>
/// Re-runs system-driven work (timers, jobs, messages) when another request advanced the same instance first.
/// Each attempt gets a fresh DI scope, so it reloads the instance; people's requests are not retried — they get 409.
/// </summary>
public static class ConflictRetry
{
    public static async Task RunAsync(IServiceScopeFactory scopes, Func<IServiceProvider, Task> work, CancellationToken ct, int attempts = 10)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var scope = scopes.CreateScope();
            try
            {
                await work(scope.ServiceProvider);
                return;
            }
            catch (ConflictException) when (attempt < attempts)
            {
                await Task.Delay(Random.Shared.Next(5, 40 * attempt), ct);
            }
        }
    }
}
