using System.Globalization;
using System.Text;

namespace WorkflowHost.Engine.Timers;

/// <summary>
/// An ISO 8601 duration <c>PnYnMnWnDTnHnMnS</c> as written in a BPMN timer, kept component by component so that a
/// calendar can decide what a month or a day means (see <see cref="IBusinessCalendar"/>).
/// </summary>
/// <remarks>
/// Guarantees: no component is ever negative (the constructor and <c>with</c> throw
/// <see cref="ArgumentOutOfRangeException"/>); components are never carried upward (<c>PT90M</c> stays 90 minutes,
/// <c>PT24H</c> is not <c>P1D</c>). A fraction in the text is spread over the smaller components when parsed
/// (<c>PT1.5H</c> is 1 hour 30 minutes, <c>P1.5D</c> is 1 day 12 hours), so equal lengths written with and without a
/// fraction compare equal. Only <see cref="Seconds"/> can hold a fraction.
/// </remarks>
/// <param name="Years">Whole years (nominal: the calendar decides how long).</param>
/// <param name="Months">Whole months (nominal: the calendar decides how long).</param>
/// <param name="Weeks">Whole weeks of seven days.</param>
/// <param name="Days">Whole days.</param>
/// <param name="Hours">Whole hours.</param>
/// <param name="Minutes">Whole minutes.</param>
/// <param name="Seconds">Seconds, possibly fractional (<c>PT0.002S</c>).</param>
public readonly record struct IsoDuration(int Years, int Months, int Weeks, int Days, int Hours, int Minutes, decimal Seconds)
{
    private const string Example = "such as P3D or PT2H30M";

    /// <summary>Whole years; never negative.</summary>
    public int Years { get; init => field = NotNegative(value); } = NotNegative(Years);

    /// <summary>Whole months; never negative.</summary>
    public int Months { get; init => field = NotNegative(value); } = NotNegative(Months);

    /// <summary>Whole weeks; never negative.</summary>
    public int Weeks { get; init => field = NotNegative(value); } = NotNegative(Weeks);

    /// <summary>Whole days; never negative.</summary>
    public int Days { get; init => field = NotNegative(value); } = NotNegative(Days);

    /// <summary>Whole hours; never negative.</summary>
    public int Hours { get; init => field = NotNegative(value); } = NotNegative(Hours);

    /// <summary>Whole minutes; never negative.</summary>
    public int Minutes { get; init => field = NotNegative(value); } = NotNegative(Minutes);

    /// <summary>Seconds, possibly fractional; never negative.</summary>
    public decimal Seconds { get; init => field = NotNegative(value); } = NotNegative(Seconds);

    /// <summary>True when every component is zero (<c>PT0S</c>): a timer with this duration is due at once.</summary>
    public bool IsZero => Years == 0 && Months == 0 && Weeks == 0 && Days == 0 && Hours == 0 && Minutes == 0 && Seconds == 0;

    /// <summary>
    /// Parses an ISO 8601 duration such as <c>P3D</c>, <c>PT2H30M</c>, <c>P1Y2M3W4DT5H6M7.5S</c> or <c>PT0.002S</c>.
    /// Surrounding whitespace is ignored, letters may be lower case and the decimal sign may be <c>.</c> or <c>,</c>.
    /// Never throws.
    /// </summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="duration">The duration, or <c>default</c> when the text does not parse.</param>
    /// <param name="error">Null on success; otherwise one sentence naming the text and showing a valid example.</param>
    /// <returns>True when the text is a duration this type can hold (not negative, at most 10,000 years long).</returns>
    public static bool TryParse(string text, out IsoDuration duration, out string? error)
    {
        duration = default;
        error = Read((text ?? "").Trim(), ref duration);
        return error is null;
    }

    /// <summary>Parses like <see cref="TryParse"/>.</summary>
    /// <exception cref="FormatException">The text is not a duration; the message is the sentence from <see cref="TryParse"/>.</exception>
    public static IsoDuration Parse(string text) =>
        TryParse(text, out var duration, out var error) ? duration : throw new FormatException(error);

    /// <summary>
    /// The canonical ISO 8601 form: only the non-zero components, in order, upper case, <c>.</c> as decimal sign and
    /// no trailing zeros (<c>P1DT2H</c>, <c>PT0.002S</c>); the zero duration is <c>PT0S</c>.
    /// <see cref="Parse"/> of this text gives back an equal value.
    /// </summary>
    public override string ToString()
    {
        if (IsZero) return "PT0S";
        var text = new StringBuilder("P");
        Append(text, Years, 'Y');
        Append(text, Months, 'M');
        Append(text, Weeks, 'W');
        Append(text, Days, 'D');
        if (Hours != 0 || Minutes != 0 || Seconds != 0)
        {
            text.Append('T');
            Append(text, Hours, 'H');
            Append(text, Minutes, 'M');
            if (Seconds != 0) text.Append(Seconds.ToString("0.############################", CultureInfo.InvariantCulture)).Append('S');
        }
        return text.ToString();
    }

    /// <summary>Every component times <paramref name="factor"/>; null when a component would not fit.</summary>
    internal IsoDuration? Times(long factor)
    {
        try
        {
            checked
            {
                return new IsoDuration((int)(Years * factor), (int)(Months * factor), (int)(Weeks * factor), (int)(Days * factor),
                    (int)(Hours * factor), (int)(Minutes * factor), Seconds * factor);
            }
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>Whole ticks of the fixed-length part (weeks, days, hours, minutes, seconds), rounded to the nearest tick.</summary>
    internal decimal FixedTicks =>
        decimal.Round(((((decimal)Weeks * 7 + Days) * 24 + Hours) * 60 + Minutes) * 60 * TimeSpan.TicksPerSecond
            + Seconds * TimeSpan.TicksPerSecond, MidpointRounding.AwayFromZero);

    private static void Append(StringBuilder text, int value, char designator)
    {
        if (value != 0) text.Append(value.ToString(CultureInfo.InvariantCulture)).Append(designator);
    }

    private static T NotNegative<T>(T value) where T : IComparable<T> =>
        value.CompareTo(default) >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A duration component cannot be negative.");

    // The longest duration accepted from text. Longer waits cannot be scheduled anyway (DateTimeOffset ends in 9999),
    // and the cap keeps the tick arithmetic of every calendar inside long.
    private const decimal MaxDays = 10_000m * 366;

    private static string Fail(string text) => $"{TimerText.Quote(text)} is not an ISO 8601 duration {Example}.";

    /// <summary>Reads <paramref name="text"/> into <paramref name="duration"/>; returns the error sentence or null.</summary>
    private static string? Read(string text, ref IsoDuration duration)
    {
        if (text.Length == 0) return $"The duration is empty; write an ISO 8601 duration {Example}.";
        if (text[0] == '-' && text.Length > 1) return $"{TimerText.Quote(text)} is a negative duration; a timer can only wait forward, as in {(text.Length <= 60 ? text[1..] : "P3D")}.";
        if (text.Length == 1 || char.ToUpperInvariant(text[0]) != 'P') return Fail(text);

        // Designators in the order they may appear; the index moves forward only, so order and uniqueness follow.
        ReadOnlySpan<char> dateDesignators = ['Y', 'M', 'W', 'D'];
        ReadOnlySpan<char> timeDesignators = ['H', 'M', 'S'];
        var values = new decimal[7];
        var position = 1;
        var inTime = false;
        var next = 0; // index into the 7 components of the next one allowed
        var any = false;
        var anyTime = false;
        var fractionAt = -1;
        while (position < text.Length)
        {
            if (char.ToUpperInvariant(text[position]) == 'T')
            {
                if (inTime) return Fail(text);
                inTime = true;
                next = 4;
                position++;
                continue;
            }
            var start = position;
            while (position < text.Length && char.IsAsciiDigit(text[position])) position++;
            var integerDigits = position - start;
            var fractionDigits = 0;
            if (position < text.Length && text[position] is '.' or ',')
            {
                position++;
                var fractionStart = position;
                while (position < text.Length && char.IsAsciiDigit(text[position])) position++;
                fractionDigits = position - fractionStart;
                if (fractionDigits == 0) return Fail(text);
            }
            if (integerDigits == 0 || position >= text.Length) return Fail(text);
            if (integerDigits > 12 || fractionDigits > 15) return $"{TimerText.Quote(text)} has a number too long for a timer; write something {Example}.";

            var designator = char.ToUpperInvariant(text[position++]);
            var allowed = inTime ? timeDesignators : dateDesignators;
            var offset = inTime ? 4 : 0;
            var index = allowed.IndexOf(designator);
            if (index < 0)
            {
                if (!inTime && designator is 'H' or 'S')
                    return $"{TimerText.Quote(text)} is not an ISO 8601 duration: hours, minutes and seconds come after a T, as in {(text.Length <= 60 ? $"{text[..start]}T{text[start..]}" : "PT2H30M")}.";
                return Fail(text);
            }
            index += offset;
            if (index < next) return $"{TimerText.Quote(text)} is not an ISO 8601 duration: the parts must be in the order Y, M, W, D, T, H, M, S, as in P1Y2M3DT4H5M6S.";
            if (fractionAt >= 0) return $"{TimerText.Quote(text)} is not an ISO 8601 duration: only the last part may have a fraction, as in PT1H30M or PT1.5H.";
            var number = decimal.Parse(text.AsSpan(start, position - 1 - start).ToString().Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            if (fractionDigits > 0)
            {
                if (index <= 1)
                    return $"{TimerText.Quote(text)} has a fraction of a {(index == 0 ? "year" : "month")}, which has no exact length; write whole years and months and add days, as in P1M15D.";
                fractionAt = index;
            }
            values[index] = number;
            next = index + 1;
            any = true;
            anyTime |= inTime;
        }
        if (!any || (inTime && !anyTime)) return Fail(text);

        // Spread a fraction over the smaller components: 1.5 weeks is 1 week 3 days 12 hours.
        ReadOnlySpan<decimal> smaller = [0, 0, 7, 24, 60, 60]; // how many of component i + 1 make one of component i
        for (var i = 2; i < 6; i++)
        {
            var whole = decimal.Truncate(values[i]);
            values[i + 1] += (values[i] - whole) * smaller[i];
            values[i] = whole;
        }
        var days = values[0] * 366 + values[1] * 31 + values[2] * 7 + values[3] + values[4] / 24 + values[5] / 1440 + values[6] / 86400;
        if (days > MaxDays || values[..6].Any(v => v > int.MaxValue)) return $"{TimerText.Quote(text)} is too long; a timer can wait at most 10,000 years.";
        duration = new IsoDuration((int)values[0], (int)values[1], (int)values[2], (int)values[3], (int)values[4], (int)values[5], values[6]);
        return null;
    }
}
