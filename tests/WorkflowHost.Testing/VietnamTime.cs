namespace WorkflowHost.Testing;

/// <summary>
/// Instants written as a clock on the wall of a Vietnamese one-stop centre reads them (Asia/Ho_Chi_Minh, UTC+7 all
/// year: Vietnam has no daylight saving time), so a test can say "Monday 08:00" as the working-day rules do.
/// </summary>
public static class VietnamTime
{
    /// <summary>Vietnam's offset from UTC.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    /// <summary>The instant at which a clock in Vietnam reads the given local date and time.</summary>
    public static DateTimeOffset At(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, Offset);
}
