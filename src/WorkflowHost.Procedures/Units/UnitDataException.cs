namespace WorkflowHost.Procedures.Units;

/// <summary>
/// The unit data files are wrong; nothing was loaded. The message names the file, the line, the column where one
/// applies, and what is wrong, so a maintainer can fix the file without reading code.
/// </summary>
public sealed class UnitDataException : Exception
{
    public UnitDataException(string file, int line, string problem)
        : base(line > 0 ? $"{file}, line {line}: {problem}" : $"{file}: {problem}")
    {
        File = file;
        Line = line;
    }

    /// <summary>Path of the offending file (or of the folder, when a file is missing or unexpected).</summary>
    public string File { get; }

    /// <summary>1-based line of the offending record (1 is the header); 0 when the problem is the file as a whole.</summary>
    public int Line { get; }
}
