using Microsoft.Extensions.Options;
using WorkflowHost.Procedures.Calendars;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Jobs;

/// <summary>
/// Notices a changed calendar file on this node: at start (a holiday added while the node was down) and every
/// <see cref="WorkflowHostOptions.CalendarPollInterval"/> after, it loads the calendar files again and, where a
/// calendar's version differs from what open deadlines were computed with, swaps it in and re-plans them
/// (<see cref="CalendarReplanner"/>). An invalid file is logged and the node keeps the calendars it has.
/// </summary>
public sealed class CalendarWatcher(IServiceScopeFactory scopes, IOptions<WorkflowHostOptions> options, ILogger<CalendarWatcher> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.CalendarPollInterval;
        if (interval <= TimeSpan.Zero) return;
        var first = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CheckAsync(replanAll: first, stoppingToken);
                first = false;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Calendar check failed; the node keeps its calendars and tries again in {Interval}", interval);
            }
            await Task.Delay(interval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task CheckAsync(bool replanAll, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var calendars = scope.ServiceProvider.GetRequiredService<CalendarSet>();
        var replanner = scope.ServiceProvider.GetRequiredService<CalendarReplanner>();
        var changed = replanner.ReloadIfChanged();
        foreach (var name in replanAll ? calendars.Names : changed)
            await replanner.ReplanAsync(name, ct);
    }
}
