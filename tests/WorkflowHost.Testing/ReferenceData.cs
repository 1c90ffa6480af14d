namespace WorkflowHost.Testing;

/// <summary>
/// The repository's reference data (units, procedure catalogue, calendars, form schemas) for hosts that run on a
/// workflows folder of their own: a host cannot start without it, and tests deploy their own BPMN.
/// </summary>
public static class ReferenceData
{
    public static readonly string[] Folders = ["units", "procedures", "calendars", "forms", "routing"];

    /// <summary>The repository's <c>workflows/</c> folder, found upwards from the test assembly.</summary>
    public static string RepositoryWorkflows
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "workflows");
                if (Directory.Exists(Path.Combine(candidate, "units"))) return candidate;
            }
            throw new InvalidOperationException($"No workflows/units folder above {AppContext.BaseDirectory}.");
        }
    }

    /// <summary>Copies the reference data into <paramref name="workflowsDirectory"/>; with <paramref name="procedures"/>, the shipped BPMN too.</summary>
    public static void CopyTo(string workflowsDirectory, bool procedures = false)
    {
        var source = RepositoryWorkflows;
        foreach (var folder in Folders)
        {
            var from = Path.Combine(source, folder);
            if (!Directory.Exists(from)) continue;
            foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(workflowsDirectory, folder, Path.GetRelativePath(from, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target, overwrite: true);
            }
        }
        if (procedures)
            foreach (var file in Directory.GetFiles(source, "*.bpmn"))
                File.Copy(file, Path.Combine(workflowsDirectory, Path.GetFileName(file)), overwrite: true);
    }
}
