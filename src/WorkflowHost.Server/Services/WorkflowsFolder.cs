namespace WorkflowHost.Server.Services;

/// <summary>Finds the <c>workflows/</c> folder: procedures, units, forms and calendars live there.</summary>
public static class WorkflowsFolder
{
    /// <summary>
    /// The configured folder if rooted; else the first folder of that name upwards from the working directory or the
    /// content root (`dotnet run --project src/WorkflowHost.Server` runs with the project folder as content root while
    /// workflows/ is at the repository root). Null when there is none.
    /// </summary>
    public static string? Resolve(WorkflowHostOptions options, string contentRoot) =>
        Path.IsPathRooted(options.WorkflowsDirectory)
            ? (Directory.Exists(options.WorkflowsDirectory) ? options.WorkflowsDirectory : null)
            : FindUpwards(Directory.GetCurrentDirectory(), options.WorkflowsDirectory) ?? FindUpwards(contentRoot, options.WorkflowsDirectory);

    private static string? FindUpwards(string start, string relative)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
