using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkflowHost.Procedures.Calendars;

/// <summary>
/// What people call a calendar, in Vietnamese and English ("Lịch làm việc cơ quan nhà nước" / "Vietnamese government
/// working calendar"), read from the optional <c>calendar.json</c> beside its year files. It is kept out of the year
/// files on purpose: the version hashes only the year files, so renaming a calendar does not make every deadline
/// computed with it look stale.
/// </summary>
public sealed record CalendarTitle(string Vi, string En)
{
    /// <summary>The file, in a calendar's folder, that names the calendar.</summary>
    public const string FileName = "calendar.json";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads and validates <c>calendar.json</c>; without the file the calendar is called by its folder name in both languages.</summary>
    /// <exception cref="CalendarDataException">The file is not valid: the message gives the file, the line, the JSON path and what is wrong.</exception>
    internal static CalendarTitle Read(string folder, string name)
    {
        var file = Path.Combine(folder, FileName);
        if (!File.Exists(file)) return new CalendarTitle(name, name);
        var content = File.ReadAllBytes(file);
        var lines = JsonLines.Map(content);
        CalendarDataException Fail(string path, string problem) => new(file, lines.TryGetValue(path, out var line) ? line : null, path, problem);
        Dto dto;
        try
        {
            dto = JsonSerializer.Deserialize<Dto>(content, Options) ?? throw Fail("$", "The file holds null; it must be a JSON object.");
        }
        catch (JsonException e)
        {
            var problem = e.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? "Unknown property; calendar.json may have \"calendar\" and \"displayName\" ({ \"vi\": …, \"en\": … })."
                : "The file is not a JSON object with \"calendar\" and \"displayName\" ({ \"vi\": …, \"en\": … }).";
            throw new CalendarDataException(file, e.LineNumber is { } line ? (int)line + 1 : null, e.Path, problem, e);
        }
        if (dto.Calendar != name)
            throw Fail(dto.Calendar is null ? "$" : "$.calendar", $"\"calendar\" must be the folder's name, \"{name}\".");
        if (dto.DisplayName is null) throw Fail("$", "\"displayName\" is missing; give the name people read, { \"vi\": …, \"en\": … }.");
        if (string.IsNullOrWhiteSpace(dto.DisplayName.Vi))
            throw Fail(dto.DisplayName.Vi is null ? "$.displayName" : "$.displayName.vi", "\"vi\" is missing; give the calendar's Vietnamese name.");
        if (string.IsNullOrWhiteSpace(dto.DisplayName.En))
            throw Fail(dto.DisplayName.En is null ? "$.displayName" : "$.displayName.en", "\"en\" is missing; give the calendar's English name.");
        return new CalendarTitle(dto.DisplayName.Vi.Trim(), dto.DisplayName.En.Trim());
    }

    private sealed class Dto
    {
        public string? Calendar { get; set; }
        public NameDto? DisplayName { get; set; }
    }

    private sealed class NameDto
    {
        public string? Vi { get; set; }
        public string? En { get; set; }
    }
}
