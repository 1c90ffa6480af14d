using Microsoft.Playwright;
using Xunit.Abstractions;

namespace WorkflowHost.BrowserTests;

/// <summary>
/// The bell of the web app in headless Chromium against the real server: a leader of Hải Châu is signed in when a step
/// of the ward passes its due instant, and the breach appears in the bell without reloading (SignalR over a WebSocket
/// the page's Content-Security-Policy allows), links to the dossier and is marked read.
/// </summary>
public sealed class NotificationBellTests(BrowserServer fixture, ITestOutputHelper output) : BrowserTestBase(fixture, output)
{
    [Fact]
    public Task Bell_ShowsABreachLive_AndMarksItRead() => RunAsync(async () =>
    {
        var sockets = new List<string>();
        var cspErrors = new List<string>();
        var page = await SignInAsync("leader.hai-chau", p =>
        {
            p.WebSocket += (_, socket) => sockets.Add(socket.Url);
            p.Console += (_, message) =>
            {
                if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) cspErrors.Add(message.Text);
            };
        });
        var bell = page.Locator(".bell-button");
        await Assertions.Expect(bell).ToHaveAttributeAsync("data-live", "true", new() { Timeout = 30_000 }); // negotiate + WebSocket on a busy machine
        await Assertions.Expect(page.GetByTestId("bell-count")).ToHaveCountAsync(0);

        // Reception receives a dossier; its appraisal step is due hours from now, so its breach is brought forward.
        var code = await Fixture.ReceiveMarriageRegistrationAsync("reception.hai-chau", "20242", "Ngô Thị Chuông", "048090001234");
        Output.WriteLine($"received {code}");
        await Fixture.BringAtDueReminderForwardAsync(code);

        // The horizon job (every minute) schedules it, Hangfire fires it, the hub pushes it: no reload.
        await Assertions.Expect(page.GetByTestId("bell-count")).ToHaveTextAsync("1", new() { Timeout = 120_000 });
        await bell.ClickAsync();
        var item = page.Locator(".bell-item").Filter(new() { HasText = code });
        await Assertions.Expect(item).ToContainTextAsync("Quá hạn");
        await Assertions.Expect(item).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("bell-item--unread"));
        await ScreenshotAsync(page, "bell");

        // Keyboard: Escape closes the panel and gives the focus back to the bell.
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("#bell-panel")).ToHaveCountAsync(0);
        await Assertions.Expect(bell).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await item.GetByRole(AriaRole.Button, new() { Name = "Đánh dấu đã đọc" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("bell-count")).ToHaveCountAsync(0);
        await item.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"#/dossiers/{System.Text.RegularExpressions.Regex.Escape(code)}$"));

        Assert.Contains(sockets, url => url.Contains("/hubs/notifications", StringComparison.Ordinal) && url.StartsWith("ws", StringComparison.Ordinal));
        Assert.Empty(cspErrors);
        await page.Context.CloseAsync();
    });
}
