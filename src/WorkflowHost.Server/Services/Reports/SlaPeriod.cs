using System.Globalization;
using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Services.Reports;

/// <summary>
/// A report period: whole local days <see cref="From"/> to <see cref="To"/> (both inclusive) in the centre's time zone,
/// and the instants they span, [<see cref="Start"/>, <see cref="End"/>). Parsed from the query string; a bad value
/// is refused naming its field.
/// </summary>
public sealed record SlaPeriod(DateOnly From, DateOnly To, DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>A year and a day: long enough for a yearly report across a leap year, short enough to stay cheap.</summary>
    public const int MaxDays = 367;

    public static SlaPeriod Parse(string? from, string? to, TimeZoneInfo zone, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var first = Day(from, "from", new DateOnly(today.Year, today.Month, 1), errors);
        var last = Day(to, "to", today, errors);
        if (errors.Count == 0 && last < first) errors.Add(Field("to", $"to ({last:yyyy-MM-dd}) is before from ({first:yyyy-MM-dd})."));
        if (errors.Count == 0 && last.DayNumber - first.DayNumber + 1 > MaxDays)
            errors.Add(Field("to", $"The period spans {last.DayNumber - first.DayNumber + 1} days; at most {MaxDays} are allowed."));
        if (errors.Count > 0) throw new InvalidInputException("The report period is invalid.", errors);
        return new SlaPeriod(first, last, StartOf(first, zone), StartOf(last.AddDays(1), zone));
    }

    /// <summary>The instant a local day begins.</summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static DateOnly Day(string? text, string field, DateOnly fallback, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && day.Year is >= 2000 and <= 2100) return day;
        errors.Add(Field(field, $"'{(text.Length > 40 ? text[..40] + "…" : text)}' is not a date written yyyy-MM-dd between 2000 and 2100."));
        return fallback;
    }

    internal static FieldError Field(string name, string message) => new(null, null, message, name);
}
