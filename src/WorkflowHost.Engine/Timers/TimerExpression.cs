using System.Globalization;

namespace WorkflowHost.Engine.Timers;

/// <summary>
/// Parses the literal text of a BPMN <c>timeDate</c>, <c>timeDuration</c> or <c>timeCycle</c> (ISO 8601 only; an
/// expression such as <c>${...}</c> is evaluated by the engine first and its value parsed here).
/// </summary>
/// <remarks>
/// Every kind accepts surrounding whitespace and one pair of surrounding double or single quotes. Parsing is pure and
/// never throws from <see cref="TryParse"/>; every error is one sentence that names the value and shows a valid example,
/// fit to show a modeller as is.
/// <list type="bullet">
/// <item><see cref="TimerKind.Date"/> → <see cref="TimerDate"/>: <c>2026-01-01</c> (midnight), <c>2026-01-01T08:00</c>,
/// <c>2026-01-01T08:00:00.5</c>, with or without <c>Z</c> or an offset such as <c>+07:00</c>.</item>
/// <item><see cref="TimerKind.Duration"/> → <see cref="TimerDuration"/>: see <see cref="IsoDuration.TryParse"/>.</item>
/// <item><see cref="TimerKind.Cycle"/> → <see cref="TimerCycle"/>: <c>R3/PT10H</c>, <c>R/PT1M</c>,
/// <c>R5/2026-01-01T08:00/P1D</c> (start/interval), <c>R/P1D/2026-12-31T00:00Z</c> (interval/end). The interval must
/// not be zero and the count, when written, at least 1. Start/end (two dates) and cron expressions are not supported.</item>
/// </list>
/// </remarks>
public static class TimerExpression
{
    private const string CycleExample = "such as R3/PT10H, R/PT1M or R5/2026-01-01T08:00/P1D";

    /// <summary>
    /// Parses timer text of the given kind.
    /// timeDate: ISO 8601 date or date-time, with or without offset/Z; "2026-01-01", "2026-01-01T08:00",
    /// "2026-01-01T08:00:00+07:00". Without an offset the value is local time in <paramref name="zone"/> (a time skipped
    /// by a daylight-saving change moves forward by the gap; a time that occurs twice is the earlier one). Dates inside a
    /// cycle are read the same way.
    /// </summary>
    /// <param name="kind">Which timer element the text comes from.</param>
    /// <param name="text">The literal text.</param>
    /// <param name="zone">The time zone of dates written without an offset.</param>
    /// <param name="timer">The timer (a <see cref="TimerDate"/>, <see cref="TimerDuration"/> or <see cref="TimerCycle"/> matching
    /// <paramref name="kind"/>), or null on failure.</param>
    /// <param name="error">Null on success; otherwise one sentence naming the value and showing a valid example.</param>
    /// <returns>True when the text parses.</returns>
    public static bool TryParse(TimerKind kind, string text, TimeZoneInfo zone, out TimerDefinition? timer, out string? error)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var cleaned = TimerText.Clean(text);
        timer = null;
        switch (kind)
        {
            case TimerKind.Date:
                if (IsoDateTime.TryParse(cleaned, zone, out var at, out error))
                {
                    timer = new TimerDate(at);
                }
                else if (IsoDuration.TryParse(cleaned, out _, out _))
                {
                    error = $"{TimerText.Quote(cleaned)} is a duration, not a date; write it in timeDuration, or write a date such as 2026-01-01T08:00.";
                }
                break;
            case TimerKind.Duration:
                if (IsoDuration.TryParse(cleaned, out var duration, out error))
                {
                    timer = new TimerDuration(duration);
                }
                else if (IsoDateTime.TryParse(cleaned, zone, out _, out _))
                {
                    error = $"{TimerText.Quote(cleaned)} is a date, not a duration; write it in timeDate, or write a duration such as P3D or PT2H30M.";
                }
                break;
            case TimerKind.Cycle:
                error = ReadCycle(cleaned, zone, out var cycle);
                timer = cycle;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a timer kind.");
        }
        return timer is not null;
    }

    /// <summary>Parses like <see cref="TryParse"/>.</summary>
    /// <exception cref="FormatException">The text does not parse; the message is the sentence from <see cref="TryParse"/>.</exception>
    public static TimerDefinition Parse(TimerKind kind, string text, TimeZoneInfo zone) =>
        TryParse(kind, text, zone, out var timer, out var error) ? timer! : throw new FormatException(error);

    private static string? ReadCycle(string text, TimeZoneInfo zone, out TimerCycle? cycle)
    {
        cycle = null;
        var quoted = TimerText.Quote(text);
        if (text.Length == 0) return $"The cycle is empty; write an ISO 8601 cycle {CycleExample}.";
        if (LooksLikeCron(text))
            return $"{quoted} looks like a cron expression, but cron expressions are not supported; use ISO 8601 R/… cycles {CycleExample}.";

        var parts = text.Split('/');
        if (parts[0].Length == 0 || char.ToUpperInvariant(parts[0][0]) != 'R')
        {
            var single = parts.Length <= 2 && parts.All(p => IsDurationLike(p) || IsoDateTime.LooksLikeDate(p));
            return single
                ? $"{quoted} is not a cycle: a timeCycle starts with R and a repetition count, as in R3/{Shorten(text)} (R/{Shorten(text)} repeats without end); for a timer that fires once use timeDate or timeDuration."
                : $"{quoted} is not an ISO 8601 cycle {CycleExample}.";
        }

        int? repetitions = null;
        var count = parts[0][1..];
        if (count.Length > 0)
        {
            if (!count.All(char.IsAsciiDigit))
                return $"{quoted} has the repetition count '{Shorten(count)}'; write a whole number of at least 1, as in R3/PT1H, or R/PT1H to repeat without end.";
            if (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                return $"{quoted} repeats too often to count; write R/… to repeat without end, as in R/PT1H.";
            if (n == 0)
                return $"{quoted} repeats zero times and would never fire; write R1 or more, as in R3/PT1H, or R/PT1H to repeat without end.";
            repetitions = n;
        }

        DateTimeOffset? start = null, end = null;
        string intervalText;
        switch (parts.Length)
        {
            case 1:
                return $"{quoted} has no interval; write one after a slash, as in R3/PT1H.";
            case 2:
                if (!IsDurationLike(parts[1]) && IsoDateTime.TryParse(parts[1], zone, out _, out _))
                    return $"{quoted} has a start but no interval; add one, as in R3/{Shorten(parts[1])}/P1D.";
                intervalText = parts[1];
                break;
            case 3 when IsDurationLike(parts[1]) && !IsDurationLike(parts[2]):
                intervalText = parts[1];
                if (!IsoDateTime.TryParse(parts[2], zone, out var last, out var endError))
                    return $"The end of the cycle {quoted} does not parse: {endError}";
                end = last;
                break;
            case 3 when !IsDurationLike(parts[1]) && IsDurationLike(parts[2]):
                intervalText = parts[2];
                if (!IsoDateTime.TryParse(parts[1], zone, out var first, out var startError))
                    return $"The start of the cycle {quoted} does not parse: {startError}";
                start = first;
                break;
            case 3 when !IsDurationLike(parts[1]):
                return $"{quoted} gives a start and an end but no interval, which is not supported; write the start and the interval, as in R/2026-01-01T08:00/P1D.";
            case 3:
                return $"{quoted} gives two intervals; write one interval with a start or an end, as in R5/2026-01-01T08:00/P1D or R/P1D/2026-12-31T00:00Z.";
            default:
                return $"{quoted} has too many parts; an ISO 8601 cycle is R[count]/[start/]interval[/end], {CycleExample}.";
        }

        if (!IsoDuration.TryParse(intervalText, out var interval, out var intervalError))
            return $"The interval of the cycle {quoted} does not parse: {intervalError}";
        if (interval is { Years: 0, Months: 0, FixedTicks: 0 }) // zero, or shorter than the 100 ns a clock can tell apart
            return $"{quoted} has a zero interval and would fire endlessly; write a longer one, as in R/PT1M.";
        cycle = new TimerCycle(repetitions, start, interval, end);
        return null;
    }

    private static bool IsDurationLike(string part) =>
        part.Length > 0 && (char.ToUpperInvariant(part[0]) == 'P' || (part[0] == '-' && part.Length > 1 && char.ToUpperInvariant(part[1]) == 'P'));

    // Camunda cron (Quartz) is fields separated by spaces, with * or ? as wildcards; ISO 8601 never has either.
    private static bool LooksLikeCron(string text) => text.Any(char.IsWhiteSpace) || text.Contains('*') || text.Contains('?');

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 60), "…");
}
