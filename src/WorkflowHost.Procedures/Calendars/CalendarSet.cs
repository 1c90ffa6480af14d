using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using WorkflowHost.Procedures.Localization;

namespace WorkflowHost.Procedures.Calendars;

/// <summary>
/// Every calendar of a calendars directory (<c>workflows/calendars/</c>): one folder per calendar name, one
/// <c>&lt;year&gt;.json</c> file per year inside it. Loaded whole and validated up front. Each calendar is immutable; the
/// set can take a newer load whole (<see cref="ReplaceWith"/>) when the files change, so a holiday announced late
/// reaches a running node without a restart.
/// </summary>
public sealed partial class CalendarSet
{
    /// <summary>The calendar of Vietnamese state agencies (Monday to Friday), used when a procedure names none.</summary>
    public const string Default = "vn-government";

    // One reference swapped whole: readers see the old set or the new one, never a mix.
    private volatile Dictionary<string, BusinessCalendar> _calendars;

    private CalendarSet(Dictionary<string, BusinessCalendar> calendars) => _calendars = calendars;

    /// <summary>The calendar names, in ordinal order.</summary>
    public IReadOnlyList<string> Names => _calendars.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Takes the calendars of a newer load of the same directory; the old calendars stay valid for whoever holds one.</summary>
    public void ReplaceWith(CalendarSet newer)
    {
        ArgumentNullException.ThrowIfNull(newer);
        _calendars = newer._calendars;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex CalendarName();

    [GeneratedRegex(@"^[0-9]{4}\.json$", RegexOptions.CultureInvariant)]
    private static partial Regex YearFile();

    /// <summary>
    /// Loads every calendar under <paramref name="directory"/>. Files other than <c>.json</c> (a README) are ignored;
    /// a <c>.json</c> file must be named after its year. A calendar's years must be contiguous and share one time zone.
    /// </summary>
    /// <exception cref="CalendarDataException">The directory is missing, or a folder or file is invalid; the message says
    /// which file, where, and what is wrong. Nothing is loaded then.</exception>
    /// <param name="messages">The explanation's sentences in the caller's UI language; English when null.</param>
    public static CalendarSet Load(string directory, IStringLocalizer<CalendarMessages>? messages = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory)) throw new CalendarDataException(directory, null, null, "The calendars directory does not exist.");
        var calendars = new Dictionary<string, BusinessCalendar>(StringComparer.Ordinal);
        foreach (var folder in Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(folder);
            if (!CalendarName().IsMatch(name))
                throw new CalendarDataException(folder, null, null, $"\"{name}\" is not a calendar name; use lower-case letters, digits and single hyphens (it appears in URLs), e.g. vn-government.");
            calendars[name] = LoadCalendar(folder, name, messages);
        }
        return new CalendarSet(calendars);
    }

    private static BusinessCalendar LoadCalendar(string folder, string name, IStringLocalizer<CalendarMessages>? messages)
    {
        var years = new List<CalendarYear>();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var fileName = Path.GetFileName(file);
            if (fileName == CalendarTitle.FileName) continue;
            if (!YearFile().IsMatch(fileName))
                throw new CalendarDataException(file, null, null, "A calendar folder holds one file per year, named like 2026.json.");
            var content = File.ReadAllBytes(file);
            var year = CalendarFile.Read(file, content, name, int.Parse(fileName.AsSpan(0, 4), CultureInfo.InvariantCulture));
            if (years.Count > 0 && year.Year != years[^1].Year + 1)
                throw new CalendarDataException(file, null, null, $"The calendar's years must be contiguous, but {years[^1].Year + 1}.json is missing before it.");
            if (years.Count > 0 && year.Zone.Id != years[0].Zone.Id)
                throw new CalendarDataException(file, null, "$.timeZone", $"Every year of a calendar uses one time zone; {years[0].Year}.json uses {years[0].Zone.Id}.");
            years.Add(year);
            hash.AppendData(Encoding.UTF8.GetBytes(fileName + "\n"));
            hash.AppendData(content);
            hash.AppendData("\n"u8);
        }
        if (years.Count == 0) throw new CalendarDataException(folder, null, null, "The calendar folder has no year files (2026.json …).");
        return new BusinessCalendar(name, Convert.ToHexStringLower(hash.GetHashAndReset())[..12], years, messages, CalendarTitle.Read(folder, name));
    }

    /// <summary>The calendar named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No calendar has that name; the message lists those that exist.</exception>
    public BusinessCalendar Get(string name) =>
        TryGet(name, out var calendar)
            ? calendar
            : throw new KeyNotFoundException($"There is no calendar named '{name}'; the calendars are: {string.Join(", ", Names)}.");

    /// <summary>The calendar named <paramref name="name"/> (names are case-sensitive), if there is one.</summary>
    public bool TryGet(string name, [MaybeNullWhen(false)] out BusinessCalendar cal) => _calendars.TryGetValue(name, out cal);
}
