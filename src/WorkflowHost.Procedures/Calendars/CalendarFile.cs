using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkflowHost.Procedures.Calendars;

/// <summary>
/// Reads and validates one year file (<c>workflows/calendars/&lt;name&gt;/&lt;year&gt;.json</c>, format in
/// <c>workflows/calendars/README.md</c>). Every refusal is a <see cref="CalendarDataException"/> naming the file, the line
/// and JSON path, and what is wrong.
/// </summary>
internal static class CalendarFile
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static CalendarYear Read(string file, byte[] content, string expectedName, int expectedYear)
    {
        FileDto dto;
        try
        {
            dto = JsonSerializer.Deserialize<FileDto>(content, Options)
                ?? throw new CalendarDataException(file, 1, "$", "The file holds null; it must be a JSON object.");
        }
        catch (JsonException e)
        {
            var problem = e.Message.Split(" Path:")[0].Split(" LineNumber:")[0];
            if (problem.Contains("could not be mapped", StringComparison.Ordinal))
                problem = "Unknown property; see workflows/calendars/README.md for the properties a year file may have.";
            else if (problem.Contains("could not be converted", StringComparison.Ordinal))
                problem = "The value has the wrong type (text, number, list or object where another is expected).";
            throw new CalendarDataException(file, e.LineNumber is { } line ? (int)line + 1 : null, e.Path, problem, e);
        }
        return new Validator(file, content).Validate(dto, expectedName, expectedYear);
    }

    private sealed class Validator(string file, byte[] content)
    {
        private readonly Dictionary<string, int> _lines = JsonLines.Map(content);

        private CalendarDataException Fail(string path, string problem) =>
            new(file, _lines.TryGetValue(path, out var line) ? line : null, path, problem);

        public CalendarYear Validate(FileDto dto, string expectedName, int expectedYear)
        {
            if (string.IsNullOrWhiteSpace(dto.Calendar)) throw Fail("$", "\"calendar\" is missing; give the calendar's name (its folder's name).");
            if (dto.Calendar != expectedName)
                throw Fail("$.calendar", $"The file says calendar \"{dto.Calendar}\" but lies in the folder \"{expectedName}\"; they must agree.");
            if (dto.Year is not { } year) throw Fail("$", "\"year\" is missing.");
            if (year != expectedYear) throw Fail("$.year", $"The file says year {year} but is named {expectedYear}.json; they must agree.");
            if (string.IsNullOrWhiteSpace(dto.TimeZone)) throw Fail("$", "\"timeZone\" is missing; write an IANA zone such as Asia/Ho_Chi_Minh.");
            TimeZoneInfo zone;
            try
            {
                zone = TimeZoneInfo.FindSystemTimeZoneById(dto.TimeZone);
            }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                throw Fail("$.timeZone", $"\"{dto.TimeZone}\" is not a time zone this machine knows; write an IANA zone such as Asia/Ho_Chi_Minh.");
            }
            if (dto.Sources is not { Count: > 0 } || dto.Sources.Any(string.IsNullOrWhiteSpace))
                throw Fail(dto.Sources is null ? "$" : "$.sources", "\"sources\" must list the legal instruments and notices this year rests on.");

            var weekend = ReadWeekend(dto.Weekend);
            var hours = ReadSessions(dto.OfficeHours);
            OfficeSession? reception = dto.SaturdayReception is { } r ? ReadSession(r, "$.saturdayReception") : null;

            var days = new Dictionary<DateOnly, DayRule>();
            var where = new Dictionary<DateOnly, string>();
            ReadDays(dto.Holidays, "holidays", DayRuleKind.Holiday, year, weekend, days, where);
            ReadDays(dto.SwappedDaysOff, "swappedDaysOff", DayRuleKind.SwappedDayOff, year, weekend, days, where);
            ReadDays(dto.MakeUpWorkingDays, "makeUpWorkingDays", DayRuleKind.MakeUpWorkingDay, year, weekend, days, where);
            return new CalendarYear(year, zone, weekend, hours, reception, days);
        }

        private HashSet<DayOfWeek> ReadWeekend(List<string?>? names)
        {
            if (names is null) throw Fail("$", "\"weekend\" is missing; list the weekly rest days, e.g. [\"Saturday\", \"Sunday\"] (or [] for none).");
            var weekend = new HashSet<DayOfWeek>();
            for (var i = 0; i < names.Count; i++)
            {
                var path = $"$.weekend[{i}]";
                if (names[i] is not { } name || name.Any(char.IsDigit) || !Enum.TryParse<DayOfWeek>(name, ignoreCase: true, out var day))
                    throw Fail(path, $"\"{names[i]}\" is not a day of the week; write its English name, e.g. Saturday.");
                if (!weekend.Add(day)) throw Fail(path, $"{day} is listed twice.");
            }
            if (weekend.Count == 7) throw Fail("$.weekend", "Every day of the week is a rest day; nothing could ever fall due.");
            return weekend;
        }

        private List<OfficeSession> ReadSessions(List<SessionDto?>? sessions)
        {
            if (sessions is not { Count: > 0 })
                throw Fail(sessions is null ? "$" : "$.officeHours", "\"officeHours\" must list at least one session, e.g. { \"from\": \"07:30\", \"to\": \"11:30\" }.");
            var result = new List<OfficeSession>();
            for (var i = 0; i < sessions.Count; i++)
            {
                var path = $"$.officeHours[{i}]";
                var session = ReadSession(sessions[i] ?? throw Fail(path, "A session is null."), path);
                if (result.Count > 0 && session.From < result[^1].To)
                    throw Fail(path, $"The session {session} starts before the previous one ({result[^1]}) ends; list sessions in order without overlap.");
                result.Add(session);
            }
            return result;
        }

        private OfficeSession ReadSession(SessionDto dto, string path)
        {
            var from = ReadTime(dto.From, path + ".from", path);
            var to = ReadTime(dto.To, path + ".to", path);
            if (to <= from) throw Fail(path, $"The session ends ({to:HH\\:mm}) at or before it starts ({from:HH\\:mm}).");
            return new OfficeSession(from, to);
        }

        private TimeOnly ReadTime(string? text, string path, string parent)
        {
            if (text is null) throw Fail(parent, $"\"{path[(path.LastIndexOf('.') + 1)..]}\" is missing; write a local time such as 07:30.");
            return TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
                ? time
                : throw Fail(path, $"\"{text}\" is not a time of day; write HH:mm, e.g. 07:30 or 17:00.");
        }

        private void ReadDays(List<DayDto?>? entries, string property, DayRuleKind kind, int year, HashSet<DayOfWeek> weekend,
            Dictionary<DateOnly, DayRule> days, Dictionary<DateOnly, string> where)
        {
            if (entries is null) throw Fail("$", $"\"{property}\" is missing; write [] when there are none.");
            for (var i = 0; i < entries.Count; i++)
            {
                var path = $"$.{property}[{i}]";
                var entry = entries[i] ?? throw Fail(path, "An entry is null.");
                var first = ReadDate(entry.Date, path + ".date", path, year);
                var last = entry.Through is null ? first : ReadDate(entry.Through, path + ".through", path, year);
                if (last < first) throw Fail(path + ".through", $"{last:yyyy-MM-dd} is before the first day {first:yyyy-MM-dd}.");
                if (kind != DayRuleKind.Holiday && last != first)
                    throw Fail(path + ".through", "Only holidays may span several days; list each swapped or make-up day on its own.");
                if (string.IsNullOrWhiteSpace(entry.Name)) throw Fail(path, "\"name\" is missing; say what the day is, e.g. \"Tết Bính Ngọ\".");
                if (string.IsNullOrWhiteSpace(entry.Source)) throw Fail(path, "\"source\" is missing; name the law or notice that sets this day.");
                var isWeekend = weekend.Contains(first.DayOfWeek);
                switch (kind)
                {
                    case DayRuleKind.Holiday when first == last && isWeekend:
                        throw Fail(path + ".date", $"{first:yyyy-MM-dd} is a {first.DayOfWeek}, already a rest day; list the working day given in lieu instead (Labour Code Art. 111(3)).");
                    case DayRuleKind.SwappedDayOff when isWeekend:
                        throw Fail(path + ".date", $"{first:yyyy-MM-dd} is a {first.DayOfWeek}, already a rest day; a swapped day off is a weekday.");
                    case DayRuleKind.MakeUpWorkingDay when !isWeekend:
                        throw Fail(path + ".date", $"{first:yyyy-MM-dd} is a {first.DayOfWeek}, already a working day; a make-up working day is a weekend day.");
                }
                for (var day = first; day <= last; day = day.AddDays(1))
                {
                    if (where.TryGetValue(day, out var earlier))
                        throw Fail(path, $"{day:yyyy-MM-dd} is already listed at {earlier}; a day may be listed once.");
                    where[day] = path;
                    // Rest days inside a holiday range (Tết breaks are often written Saturday to Sunday) stay rest days.
                    if (kind == DayRuleKind.Holiday && weekend.Contains(day.DayOfWeek)) continue;
                    days[day] = new DayRule(kind, entry.Name, entry.Source);
                }
            }
        }

        private DateOnly ReadDate(string? text, string path, string parent, int year)
        {
            if (text is null) throw Fail(parent, "\"date\" is missing; write the day as yyyy-MM-dd.");
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                throw Fail(path, $"\"{text}\" is not a date; write yyyy-MM-dd, e.g. {year}-09-02.");
            if (day.Year != year) throw Fail(path, $"{text} is not in {year}; each year file lists only its own year's days.");
            return day;
        }
    }

    internal sealed class FileDto
    {
        public string? Calendar { get; set; }
        public int? Year { get; set; }
        public string? TimeZone { get; set; }
        public List<string?>? Sources { get; set; }
        public List<string?>? Weekend { get; set; }
        public List<SessionDto?>? OfficeHours { get; set; }
        public SessionDto? SaturdayReception { get; set; }
        public List<DayDto?>? Holidays { get; set; }
        public List<DayDto?>? SwappedDaysOff { get; set; }
        public List<DayDto?>? MakeUpWorkingDays { get; set; }
    }

    internal sealed class SessionDto
    {
        public string? From { get; set; }
        public string? To { get; set; }
    }

    internal sealed class DayDto
    {
        public string? Date { get; set; }
        public string? Through { get; set; }
        public string? Name { get; set; }
        public string? Source { get; set; }
    }
}

/// <summary>Maps each JSON path of a document (<c>$.holidays[2].date</c>) to the 1-based line its value starts on.</summary>
internal static class JsonLines
{
    public static Dictionary<string, int> Map(byte[] content)
    {
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(content, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var frames = new Stack<(string Path, bool IsArray, int Next)>();
        string? property = null;
        long scanned = 0;
        var line = 1;
        string NextPath()
        {
            if (frames.Count == 0) return "$";
            var top = frames.Pop();
            if (!top.IsArray)
            {
                frames.Push(top);
                return property ?? top.Path;
            }
            frames.Push(top with { Next = top.Next + 1 });
            return $"{top.Path}[{top.Next}]";
        }
        try
        {
            while (reader.Read())
            {
                for (; scanned < reader.TokenStartIndex; scanned++)
                    if (content[scanned] == (byte)'\n') line++;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = $"{frames.Peek().Path}.{reader.GetString()}";
                        lines.TryAdd(property, line);
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        var path = NextPath();
                        lines.TryAdd(path, line);
                        frames.Push((path, reader.TokenType == JsonTokenType.StartArray, 0));
                        property = null;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.Pop();
                        property = null;
                        break;
                    default:
                        lines.TryAdd(NextPath(), line);
                        property = null;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Only called on documents that deserialized, so this does not happen; a partial map still helps.
        }
        return lines;
    }
}
