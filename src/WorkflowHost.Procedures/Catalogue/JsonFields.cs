using System.Globalization;
using System.Text.Json;

namespace WorkflowHost.Procedures.Catalogue;

/// <summary>
/// Reads one JSON object of a procedure file field by field, so every failure names its JSON path. Unknown and
/// repeated properties are refused (<see cref="RefuseUnknown"/>): a misspelt optional field would otherwise vanish
/// without a word, and with a repeated one only the last would count.
/// </summary>
internal sealed class JsonFields
{
    private readonly string _file;
    private readonly JsonElement _object;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    private JsonFields(string file, JsonElement element, string path)
    {
        _file = file;
        _object = element;
        Path = path;
    }

    public string Path { get; }

    public static JsonFields Of(string file, JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Object
            ? new JsonFields(file, element, path)
            : throw new CatalogueDataException(file, path, $"expected an object, found {Describe(element)}");

    public string At(string name) => $"{Path}.{name}";

    public CatalogueDataException Fail(string name, string problem) => new(_file, At(name), problem);

    public string RequiredString(string name) => OptionalString(name) ?? throw Fail(name, "a non-empty string is required");

    public string? OptionalString(string name)
    {
        if (Get(name) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.String) throw Fail(name, $"expected a string, found {Describe(value)}");
        var text = value.GetString()!.Trim();
        return text.Length == 0 ? null : text;
    }

    public bool RequiredBool(string name) =>
        Get(name) is { } value ? Bool(name, value) : throw Fail(name, "true or false is required");

    public bool OptionalBool(string name, bool whenAbsent) => Get(name) is { } value ? Bool(name, value) : whenAbsent;

    public int RequiredInt(string name, int min)
    {
        var value = Get(name) ?? throw Fail(name, "a whole number is required");
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
            throw Fail(name, $"expected a whole number, found {Describe(value)}");
        return number >= min ? number : throw Fail(name, $"{number} is less than {min}");
    }

    public decimal RequiredDecimal(string name)
    {
        var value = Get(name) ?? throw Fail(name, "a number is required");
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number))
            throw Fail(name, $"expected a number, found {Describe(value)}");
        return number;
    }

    public DateOnly RequiredDate(string name) => OptionalDate(name) ?? throw Fail(name, "a date of the form yyyy-MM-dd is required");

    public DateOnly? OptionalDate(string name) =>
        OptionalString(name) is not { } text ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : throw Fail(name, $"'{text}' is not a date of the form yyyy-MM-dd");

    public TimeOnly? OptionalTime(string name) =>
        OptionalString(name) is not { } text ? null
        : TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time
        : throw Fail(name, $"'{text}' is not a time of the form HH:mm");

    public T RequiredWord<T>(string name, IReadOnlyDictionary<string, T> words)
    {
        var text = OptionalString(name) ?? throw Fail(name, $"one of {string.Join(", ", words.Keys)} is required");
        return words.TryGetValue(text, out var value)
            ? value
            : throw Fail(name, $"'{text}' is not one of {string.Join(", ", words.Keys)}");
    }

    /// <summary>A nested object if present (an absent or null property gives null).</summary>
    public JsonFields? OptionalObject(string name) =>
        Get(name) is { } value
            ? value.ValueKind == JsonValueKind.Object ? Of(_file, value, At(name)) : throw Fail(name, $"expected an object, found {Describe(value)}")
            : null;

    /// <summary>A whole number within [<paramref name="min"/>, <paramref name="max"/>] if present.</summary>
    public int? OptionalInt(string name, int min, int max)
    {
        if (Get(name) is null) return null;
        var number = RequiredInt(name, min);
        return number <= max ? number : throw Fail(name, $"{number} is more than {max}");
    }

    public JsonFields RequiredObject(string name) =>
        Get(name) is { } value ? Of(_file, value, At(name)) : throw Fail(name, "an object is required");

    /// <summary>The elements of a required array (it may be empty), each read by <paramref name="read"/>.</summary>
    public List<T> RequiredArray<T>(string name, Func<JsonFields, T> read)
    {
        var value = Get(name) ?? throw Fail(name, "an array is required (it may be empty)");
        if (value.ValueKind != JsonValueKind.Array) throw Fail(name, $"expected an array, found {Describe(value)}");
        return value.EnumerateArray().Select((item, i) => read(Of(_file, item, $"{At(name)}[{i}]"))).ToList();
    }

    public void RefuseUnknown()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in _object.EnumerateObject())
        {
            if (!seen.Add(property.Name)) throw Fail(property.Name, "the property appears twice");
            if (!_known.Contains(property.Name))
                throw Fail(property.Name, $"unknown property; known here: {string.Join(", ", _known)}");
        }
    }

    private JsonElement? Get(string name)
    {
        _known.Add(name);
        return _object.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
    }

    private bool Bool(string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Fail(name, $"expected true or false, found {Describe(value)}"),
    };

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}
