namespace WorkflowHost.Engine.Timers;

/// <summary>
/// The default calendar: every day counts. Years and months move the date as written in the offset of the starting
/// instant, like <see cref="DateTimeOffset.AddMonths"/> (2026-01-31 plus P1M is 2026-02-28, 2024-02-29 plus P1Y is
/// 2025-02-28); weeks, days, hours, minutes and seconds are exact elapsed time (P1D is always 24 hours, also across a
/// daylight-saving change), rounded to the nearest tick.
/// </summary>
/// <remarks>
/// Years and months are added together as one number of months before the exact part, so only the final month end is
/// clamped (2024-02-29 plus P1Y1M is 2025-03-29, not 03-28). The result keeps the offset of <c>from</c>.
/// </remarks>
public sealed class PlainCalendar : IBusinessCalendar
{
    private PlainCalendar() { }

    /// <summary>The one instance; it holds no state.</summary>
    public static PlainCalendar Instance { get; } = new();

    /// <inheritdoc />
    public DateTimeOffset Add(DateTimeOffset from, IsoDuration duration)
    {
        var months = (long)duration.Years * 12 + duration.Months;
        var ticks = duration.FixedTicks;
        // AddMonths accepts at most 120,000 months; anything longer ends after 9999 anyway.
        if (months > 120_000 || ticks > long.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(duration), duration, $"Adding {duration} to {from:O} ends after the year 9999.");
        try
        {
            return from.AddMonths((int)months).AddTicks((long)ticks);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, $"Adding {duration} to {from:O} ends after the year 9999.");
        }
    }
}
