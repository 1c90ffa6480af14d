using Microsoft.Playwright;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace WorkflowHost.BrowserTests;

/// <summary>
/// What every browser test class does the same way: run a test body so that a failure carries the server's log tail,
/// sign a demo user in through the sign-in form, and keep a screenshot of a screen.
/// </summary>
public abstract class BrowserTestBase(BrowserServer fixture, ITestOutputHelper output) : IClassFixture<BrowserServer>
{
    protected BrowserServer Fixture { get; } = fixture;

    protected ITestOutputHelper Output { get; } = output;

    /// <summary>
    /// Runs a test body; when it fails, the message ends with the server process's last output lines, since a page
    /// that waits in vain usually waits for a server that logged why.
    /// </summary>
    protected async Task RunAsync(Func<Task> body)
    {
        try
        {
            await body();
        }
        catch (Exception ex) when (ex is not XunitException || Fixture.Server is not null)
        {
            throw new XunitException($"{ex.Message}{Environment.NewLine}{Fixture.Server?.OutputTail()}{Environment.NewLine}{ex}");
        }
    }

    /// <summary>
    /// A fresh browser session signed in as a demo user (password = user name) through the sign-in form, returned once
    /// the app shows the user as signed in. <paramref name="beforeOpening"/> sees the page before its first request
    /// (to listen to requests, sockets or the console from the start).
    /// </summary>
    protected async Task<IPage> SignInAsync(string user, Action<IPage>? beforeOpening = null)
    {
        var page = await Fixture.NewPageAsync();
        beforeOpening?.Invoke(page);
        await page.GotoAsync(Fixture.BaseUrl + "/");
        await SubmitSignInAsync(page, user, user);
        await Assertions.Expect(page.Locator(".user-name")).ToHaveAttributeAsync("data-user", user);
        return page;
    }

    /// <summary>Fills the sign-in form (Vietnamese labels, the app's default) and submits it.</summary>
    protected static async Task SubmitSignInAsync(IPage page, string user, string password)
    {
        await page.GetByLabel("Tên đăng nhập").FillAsync(user);
        await page.GetByLabel("Mật khẩu").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
    }

    /// <summary>
    /// At the reception desk: searches the catalogue for <paramref name="search"/>, checks that procedure
    /// <paramref name="code"/> is offered, and picks it with the keyboard (Enter takes the first match).
    /// </summary>
    protected static async Task PickProcedureAsync(IPage desk, string search, string code)
    {
        await desk.GetByLabel("Tìm thủ tục theo mã hoặc tên").FillAsync(search);
        await Assertions.Expect(desk.Locator($"#procedure-option-{code.Replace(".", "\\.")}")).ToBeVisibleAsync();
        await desk.Keyboard.PressAsync("Enter");
        await Assertions.Expect(desk.GetByTestId("picked-procedure")).ToContainTextAsync(code);
    }

    /// <summary>
    /// Saves the page as <paramref name="name"/>.png in <see cref="BrowserServer.ScreenshotDirectory"/> (docs/screenshots
    /// when the run sets WORKFLOWHOST_SCREENSHOTS to it) and says where in the test output.
    /// </summary>
    protected async Task ScreenshotAsync(IPage page, string name, bool fullPage = false)
    {
        // A short pause lets transitions (panels sliding in, notices fading) end before the picture is taken.
        await page.WaitForTimeoutAsync(300);
        var path = Path.Combine(Fixture.ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        Output.WriteLine($"screenshot: {path}");
    }
}
