namespace WorkflowHost.Server.Jobs;

/// <summary>
/// Hangfire keeps schedule times in whole seconds, so a scheduled job may start up to a second before its time.
/// Jobs whose time matters (a timer's due date, a retry's back-off) wait out the difference here.
/// </summary>
internal static class EarlyStart
{
    /// <summary>
    /// Returns once <paramref name="due"/> has passed on <paramref name="clock"/>. Task.Delay counts whole milliseconds
    /// (it truncates) and its clock is not this one, so it loops; a start more than a few seconds early is not
    /// Hangfire's rounding and is left to the caller's own checks.
    /// </summary>
    public static async Task WaitUntilAsync(DateTimeOffset due, TimeProvider clock, CancellationToken ct)
    {
        while (due - clock.GetUtcNow() is { Ticks: > 0 } early && early < TimeSpan.FromSeconds(5))
            await Task.Delay(early + TimeSpan.FromMilliseconds(1), ct);
    }
}
