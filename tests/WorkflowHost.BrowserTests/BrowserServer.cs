using Microsoft.Playwright;
using WorkflowHost.Server.ProcessTests;
using WorkflowHost.Testing;

namespace WorkflowHost.BrowserTests;

/// <summary>
/// One real server for the class (started as a process by <see cref="ServerProcess"/> on a free port, with a throwaway
/// SQLite data directory, a copy of the repository's workflows/ and the demo users) and one headless Chromium.
/// </summary>
public sealed class BrowserServer : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("wfh-browser-tests-").FullName;
    private IPlaywright? _playwright;

    public ServerProcess Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl => Server.BaseAddress.ToString().TrimEnd('/');

    /// <summary>The server's SQLite file (tests that must move a stored instant write it directly).</summary>
    public string DatabaseFile => Path.Combine(_root, "data", "workflowhost.db");

    /// <summary>
    /// Where tests save screenshots: <c>WORKFLOWHOST_SCREENSHOTS</c> when set (run with it pointing at docs/screenshots
    /// to refresh the pictures the docs show), else a folder next to the test binaries, which outlives the run so the
    /// pictures can be looked at and never rewrites tracked files.
    /// </summary>
    public string ScreenshotDirectory =>
        Directory.CreateDirectory(Environment.GetEnvironmentVariable("WORKFLOWHOST_SCREENSHOTS") is { Length: > 0 } dir ? dir : Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        var data = Directory.CreateDirectory(Path.Combine(_root, "data")).FullName;
        var workflows = Directory.CreateDirectory(Path.Combine(_root, "workflows")).FullName;
        ReferenceData.CopyTo(workflows, procedures: true); // units, procedures, calendars, forms and the shipped BPMN
        Server = await ServerProcess.StartAsync("browser-tests server", null, data, workflows);
        _playwright = await Playwright.CreateAsync();
        // Expectations wait as long as actions do: on a shared 2-core machine a receipt can take longer than Playwright's
        // default 5 s, which made assertions fail while the page was still saving.
        Assertions.SetDefaultExpectTimeout(20_000);
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Args = Chromium.HeadlessArgs,
            Headless = true,
        });
    }

    /// <summary>A fresh browser session (own cookies) at 1280×800, Vietnamese, in Vietnam's time zone.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory: leave it.
        }
    }
}
