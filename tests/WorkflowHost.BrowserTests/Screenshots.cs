namespace WorkflowHost.BrowserTests;

/// <summary>
/// Where a test keeps the screenshot of a screen: <c>$WORKFLOWHOST_SCREENSHOTS</c> when set (run with it pointing at
/// <c>docs/screenshots</c> to refresh the pictures the docs show), else a folder next to the test binaries.
/// </summary>
internal static class Screenshots
{
    public static string PathFor(string name)
    {
        var folder = Environment.GetEnvironmentVariable("WORKFLOWHOST_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
