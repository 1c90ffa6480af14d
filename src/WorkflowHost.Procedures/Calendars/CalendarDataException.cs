namespace WorkflowHost.Procedures.Calendars;

/// <summary>
/// A calendar file (or the calendars directory) is invalid. The message names the file, where in it (line and JSON
/// path when known) and what is wrong, so the person editing it can fix it without reading code.
/// </summary>
public sealed class CalendarDataException : Exception
{
    /// <summary>Creates the exception; the message is "<c>file</c> line N ($.path): problem".</summary>
    /// <param name="file">The file or directory at fault.</param>
    /// <param name="line">1-based line, when known.</param>
    /// <param name="path">JSON path such as <c>$.holidays[2].date</c>, when known.</param>
    /// <param name="problem">What is wrong, as a sentence.</param>
    /// <param name="inner">The parser's exception, if any.</param>
    public CalendarDataException(string file, int? line, string? path, string problem, Exception? inner = null)
        : base(Describe(file, line, path, problem), inner)
    {
        File = file;
        Line = line;
        Path = path;
        Problem = problem;
    }

    /// <summary>The file (or directory) at fault.</summary>
    public string File { get; }

    /// <summary>The 1-based line of the fault, when known.</summary>
    public int? Line { get; }

    /// <summary>The JSON path of the fault (<c>$.officeHours[1].to</c>), when known.</summary>
    public string? Path { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    private static string Describe(string file, int? line, string? path, string problem)
    {
        var where = (line, path) switch
        {
            ({ } l, { } p) => $" line {l} ({p})",
            ({ } l, null) => $" line {l}",
            (null, { } p) => $" {p}",
            _ => "",
        };
        return $"{file}{where}: {problem}";
    }
}
