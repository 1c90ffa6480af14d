namespace WorkflowHost.Procedures.Catalogue;

/// <summary>
/// A procedure file is wrong; nothing was loaded. The message names the file, the JSON path of the offending value
/// (<c>$.timeLimit.kind</c>) and what is wrong.
/// </summary>
public sealed class CatalogueDataException : Exception
{
    public CatalogueDataException(string file, string jsonPath, string problem)
        : base($"{file}, {jsonPath}: {problem}")
    {
        File = file;
        JsonPath = jsonPath;
    }

    /// <summary>Path of the offending file (or of the folder, when it is missing).</summary>
    public string File { get; }

    /// <summary>JSON path of the offending value; <c>$</c> for the document as a whole.</summary>
    public string JsonPath { get; }
}
