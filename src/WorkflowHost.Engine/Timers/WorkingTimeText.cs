using System.Globalization;

namespace WorkflowHost.Engine.Timers;

/// <summary>Reads the values of <c>wh:workingDays</c> (a whole number ≥ 1) and <c>wh:workingHours</c> (a number &gt; 0).</summary>
public static class WorkingTimeText
{
    // Bounds keep every count far inside the years a calendar can know; a larger value is a typo, not a budget.
    private const int MaxDays = 10_000;
    private const decimal MaxHours = 100_000;

    public static bool TryDays(string text, out int days) =>
        int.TryParse(TimerText.Clean(text), NumberStyles.None, CultureInfo.InvariantCulture, out days) && days is >= 1 and <= MaxDays;

    public static bool TryHours(string text, out decimal hours) =>
        decimal.TryParse(TimerText.Clean(text), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out hours) && hours > 0 && hours <= MaxHours;
}
