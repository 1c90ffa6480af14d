using System.Globalization;
using System.Text.RegularExpressions;

namespace WorkflowHost.Engine.Timers;

/// <summary>
/// Reads the ISO 8601 extended dates and date-times a <c>timeDate</c> may hold: <c>2026-01-01</c>,
/// <c>2026-01-01T08:00</c>, <c>2026-01-01T08:00:00.5</c>, each optionally followed by <c>Z</c> or an offset
/// (<c>+07:00</c>, <c>+0700</c>, <c>+07</c>).
/// </summary>
internal static partial class IsoDateTime
{
    private const string Example = "such as 2026-01-01, 2026-01-01T08:00 or 2026-01-01T08:00:00+07:00";

    [GeneratedRegex(
        @"^(?<year>[0-9]{4})-(?<month>[0-9]{2})-(?<day>[0-9]{2})(?:[Tt](?<hour>[0-9]{2}):(?<minute>[0-9]{2})(?::(?<second>[0-9]{2})(?:[.,](?<fraction>[0-9]{1,7}))?)?)?(?<offset>[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)?$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Pattern();

    /// <summary>True when the text looks like the start of a date (four digits), so errors can speak of dates.</summary>
    public static bool LooksLikeDate(string text) => text.Length >= 4 && text.AsSpan(0, 4).ContainsAnyExceptInRange('0', '9') is false;

    /// <summary>
    /// Parses a date or date-time. Without an offset the value is wall-clock time in <paramref name="zone"/>: a time
    /// skipped by a daylight-saving change moves forward by the length of the gap (02:30 becomes 03:30), and a time that
    /// occurs twice is the first of the two. The result carries the written offset, or the zone's offset at that instant.
    /// </summary>
    public static bool TryParse(string text, TimeZoneInfo zone, out DateTimeOffset value, out string? error)
    {
        value = default;
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            error = text.Length == 0
                ? $"The date is empty; write an ISO 8601 date {Example}."
                : $"{TimerText.Quote(text)} is not an ISO 8601 date {Example}.";
            return false;
        }
        int Number(string group) => match.Groups[group].Success ? int.Parse(match.Groups[group].ValueSpan, CultureInfo.InvariantCulture) : 0;
        var (year, month, day, hour, minute, second) = (Number("year"), Number("month"), Number("day"), Number("hour"), Number("minute"), Number("second"));
        error = year < 1 ? "years run from 0001 to 9999"
            : month is < 1 or > 12 ? "months run from 01 to 12"
            : day < 1 || day > DateTime.DaysInMonth(year, month)
                ? $"{CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month)} {year:D4} has {DateTime.DaysInMonth(year, month)} days"
            : hour > 23 ? "hours run from 00 to 23"
            : minute > 59 ? "minutes run from 00 to 59"
            : second > 59 ? "seconds run from 00 to 59"
            : null;
        if (error is not null)
        {
            error = $"{TimerText.Quote(text)} is not a valid date: {error}.";
            return false;
        }
        var fraction = match.Groups["fraction"];
        var ticks = fraction.Success ? int.Parse(fraction.Value.PadRight(7, '0'), CultureInfo.InvariantCulture) : 0;
        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(ticks);
        try
        {
            var offset = match.Groups["offset"];
            if (offset.Success)
            {
                var written = ReadOffset(offset.Value);
                if (written is null)
                {
                    error = $"{TimerText.Quote(text)} has the offset {offset.Value}, but offsets run from -14:00 to +14:00.";
                    return false;
                }
                value = new DateTimeOffset(local, written.Value);
            }
            else
            {
                value = InZone(local, zone);
            }
            _ = value.UtcDateTime; // throws when the instant itself falls outside the range
        }
        catch (ArgumentOutOfRangeException)
        {
            error = $"{TimerText.Quote(text)} is outside the range of dates a timer can use (0001 to 9999).";
            return false;
        }
        error = null;
        return true;
    }

    private static TimeSpan? ReadOffset(string text)
    {
        if (text is "Z" or "z") return TimeSpan.Zero;
        var digits = text[1..].Replace(":", "");
        var hours = int.Parse(digits.AsSpan(0, 2), CultureInfo.InvariantCulture);
        var minutes = digits.Length > 2 ? int.Parse(digits.AsSpan(2), CultureInfo.InvariantCulture) : 0;
        var offset = new TimeSpan(hours, minutes, 0);
        if (minutes > 59 || offset > TimeSpan.FromHours(14)) return null;
        return text[0] == '-' ? -offset : offset;
    }

    private static DateTimeOffset InZone(DateTime local, TimeZoneInfo zone)
    {
        if (zone.IsInvalidTime(local))
        {
            // Skipped by a clock change: keep the offset from before the gap, which lands as far past the gap as the
            // text is into it (as java.time does). A day earlier is safely before the change.
            var before = zone.GetUtcOffset(DateTime.SpecifyKind(local.AddDays(-1), DateTimeKind.Utc));
            return TimeZoneInfo.ConvertTime(new DateTimeOffset(local, before), zone);
        }
        if (zone.IsAmbiguousTime(local))
            return new DateTimeOffset(local, zone.GetAmbiguousTimeOffsets(local).Max()); // the larger offset is the earlier instant
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
