using System.Text;

namespace WorkflowHost.Procedures.Units;

/// <summary>
/// A small RFC 4180 reader for the unit data files: a header row, then one record per line; fields may be quoted
/// ("" inside quotes is one quote). A quoted field may not span lines — the unit files never need it, and refusing it
/// keeps every record on the line number a maintainer sees in an editor.
/// </summary>
internal sealed class CsvTable
{
    private CsvTable(List<CsvRecord> records) => Records = records;

    public IReadOnlyList<CsvRecord> Records { get; }

    /// <summary>Reads <paramref name="file"/>, requiring its header to hold exactly <paramref name="columns"/> (any order),
    /// plus any of <paramref name="optionalColumns"/> (columns added after the format was first published, so older
    /// files stay valid).</summary>
    /// <exception cref="UnitDataException">The file is missing, unreadable as UTF-8 CSV, or its header is not the documented one.</exception>
    public static CsvTable Read(string file, IReadOnlyList<string> columns, IReadOnlyList<string>? optionalColumns = null)
    {
        optionalColumns ??= [];
        if (!System.IO.File.Exists(file)) throw new UnitDataException(file, 0, "the file does not exist");
        string[] lines;
        try
        {
            lines = System.IO.File.ReadAllLines(file, new UTF8Encoding(false, throwOnInvalidBytes: true));
        }
        catch (Exception e) when (e is IOException or DecoderFallbackException or UnauthorizedAccessException)
        {
            throw new UnitDataException(file, 0, $"the file cannot be read as UTF-8 text: {e.Message}");
        }

        if (lines.Length == 0 || lines[0].Trim().Length == 0)
            throw new UnitDataException(file, 1, $"the header row is missing; expected {string.Join(',', columns)}");

        var header = Split(file, 1, lines[0].TrimStart('\uFEFF')).Select(h => h.Trim()).ToArray();
        for (var i = 0; i < header.Length; i++)
        {
            if (!columns.Contains(header[i]) && !optionalColumns.Contains(header[i]))
                throw new UnitDataException(file, 1, $"column {i + 1} '{header[i]}' is not a documented column; expected {string.Join(',', columns)}");
            if (Array.IndexOf(header, header[i]) != i)
                throw new UnitDataException(file, 1, $"column {i + 1} '{header[i]}' appears twice");
        }
        var missing = columns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
            throw new UnitDataException(file, 1, $"the header lacks column(s) {string.Join(", ", missing)}; expected {string.Join(',', columns)}");

        var records = new List<CsvRecord>();
        for (var i = 1; i < lines.Length; i++)
        {
            // Blank lines (typically a trailing one) carry no record; skipping them keeps editors' habits harmless.
            if (lines[i].Trim().Length == 0) continue;
            var fields = Split(file, i + 1, lines[i]);
            if (fields.Length != header.Length)
                throw new UnitDataException(file, i + 1, $"the line has {fields.Length} fields but the header has {header.Length}");
            records.Add(new CsvRecord(file, i + 1, fields, header));
        }
        return new CsvTable(records);
    }

    private static string[] Split(string file, int line, string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < text.Length && text[i] == '"')
            {
                var start = i;
                i++;
                while (true)
                {
                    if (i >= text.Length)
                        throw new UnitDataException(file, line, $"column {fields.Count + 1}: the quote opened at character {start + 1} is not closed on this line");
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    field.Append(text[i++]);
                }
                if (i < text.Length && text[i] != ',')
                    throw new UnitDataException(file, line, $"column {fields.Count + 1}: text follows the closing quote at character {i + 1}");
            }
            else
            {
                while (i < text.Length && text[i] != ',')
                {
                    if (text[i] == '"')
                        throw new UnitDataException(file, line, $"column {fields.Count + 1}: a quote inside an unquoted field at character {i + 1}; quote the whole field");
                    field.Append(text[i++]);
                }
            }
            fields.Add(field.ToString());
            if (i >= text.Length) return fields.ToArray();
            i++; // the comma
        }
    }
}

/// <summary>One data line of a <see cref="CsvTable"/>; its accessors throw <see cref="UnitDataException"/> naming the line and column.</summary>
internal sealed class CsvRecord(string file, int line, string[] fields, string[] header)
{
    public string File { get; } = file;
    public int Line { get; } = line;

    /// <summary>The trimmed field, or null when it is empty.</summary>
    public string? Optional(string column)
    {
        // A documented optional column the file does not have reads as empty.
        if (Index(column) < 0) return null;
        var value = fields[Index(column)].Trim();
        return value.Length == 0 ? null : value;
    }

    public string Required(string column) =>
        Optional(column) ?? throw Fail(column, "a value is required");

    public DateOnly RequiredDate(string column) => ParseDate(column, Required(column));

    public DateOnly? OptionalDate(string column) => Optional(column) is { } text ? ParseDate(column, text) : null;

    public bool Boolean(string column, bool whenEmpty) => Optional(column) switch
    {
        null => whenEmpty,
        "true" => true,
        "false" => false,
        var other => throw Fail(column, $"'{other}' is not true or false"),
    };

    public UnitDataException Fail(string column, string problem) =>
        new(File, Line, $"column {Index(column) + 1} ({column}): {problem}");

    private DateOnly ParseDate(string column, string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var day)
            ? day
            : throw Fail(column, $"'{text}' is not a date of the form yyyy-MM-dd");

    private int Index(string column) => Array.IndexOf(header, column);
}
