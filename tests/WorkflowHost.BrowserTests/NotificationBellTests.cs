using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Playwright;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace WorkflowHost.BrowserTests;

/// <summary>
/// The bell of the web app in headless Chromium against the real server: a leader of Hải Châu is signed in when a step
/// of the ward passes its due instant, and the breach appears in the bell without reloading (SignalR over a WebSocket
/// the page's Content-Security-Policy allows), links to the dossier and is marked read.
/// </summary>
public sealed class NotificationBellTests(BrowserServer fixture, ITestOutputHelper output) : IClassFixture<BrowserServer>
{
    [Fact]
    public async Task Bell_ShowsABreachLive_AndMarksItRead()
    {
        try
        {
            await BellAsync();
        }
        catch (Exception ex) when (ex is not XunitException || fixture.Server is not null)
        {
            throw new XunitException($"{ex.Message}{Environment.NewLine}{fixture.Server?.OutputTail()}{Environment.NewLine}{ex}");
        }
    }

    private async Task BellAsync()
    {
        var page = await fixture.NewPageAsync();
        var sockets = new List<string>();
        var cspErrors = new List<string>();
        page.WebSocket += (_, socket) => sockets.Add(socket.Url);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) cspErrors.Add(message.Text);
        };
        await page.GotoAsync(fixture.BaseUrl + "/");
        await page.GetByLabel("Tên đăng nhập").FillAsync("leader.hai-chau");
        await page.GetByLabel("Mật khẩu").FillAsync("leader.hai-chau");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        var bell = page.Locator(".bell-button");
        await Assertions.Expect(bell).ToHaveAttributeAsync("data-live", "true", new() { Timeout = 30_000 }); // negotiate + WebSocket on a busy machine
        await Assertions.Expect(page.GetByTestId("bell-count")).ToHaveCountAsync(0);

        // Reception receives a dossier; its appraisal step is due hours from now, so its breach is brought forward.
        var code = await ReceiveAsync();
        await BringBreachForwardAsync(code);

        // The horizon job (every minute) schedules it, Hangfire fires it, the hub pushes it: no reload.
        await Assertions.Expect(page.GetByTestId("bell-count")).ToHaveTextAsync("1", new() { Timeout = 120_000 });
        await bell.ClickAsync();
        var item = page.Locator(".bell-item").Filter(new() { HasText = code });
        await Assertions.Expect(item).ToContainTextAsync("Quá hạn");
        await Assertions.Expect(item).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("bell-item--unread"));
        var shot = Path.Combine(AppContext.BaseDirectory, "screenshots", "bell.png");
        Directory.CreateDirectory(Path.GetDirectoryName(shot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot });
        output.WriteLine($"screenshot: {shot}");

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
    }

    private async Task<string> ReceiveAsync()
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = new Uri(fixture.BaseUrl) };
        (await http.PostAsJsonAsync("/api/auth/login", new { userName = "reception.hai-chau", password = "reception.hai-chau" })).EnsureSuccessStatusCode();
        var response = await http.PostAsJsonAsync("/api/dossiers", new
        {
            procedureCode = "1.000894", receivingUnit = "20242", channel = 1,
            applicant = new { type = "citizen", name = "Ngô Thị Chuông", idNumber = "048090001234" }, subject = new { unitCode = "20242" },
        });
        response.EnsureSuccessStatusCode();
        var code = (await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["code"]!.GetValue<string>();
        output.WriteLine($"received {code}");
        return code;
    }

    /// <summary>Moves the dossier's at-due reminder to now, as a due date reached: the row is the truth the server acts on.</summary>
    private async Task BringBreachForwardAsync(string code)
    {
        var now = (long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(DateTimeOffset.UtcNow)!;
        await using var connection = new SqliteConnection($"Data Source={fixture.DatabaseFile};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE reminders SET "FireAt" = $now
            WHERE "Kind" = 'at-due' AND "Status" = 'pending' AND "DossierId" = (SELECT "Id" FROM dossiers WHERE "Code" = $code)
            """;
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$code", code);
        for (var attempt = 0; ; attempt++)
        {
            if (await command.ExecuteNonQueryAsync() == 1) return;
            if (attempt == 50)
            {
                await using var all = connection.CreateCommand();
                all.CommandText = """SELECT r."Kind", r."Status", d."Code" FROM reminders r LEFT JOIN dossiers d ON d."Id" = r."DossierId" """;
                var rows = new List<string>();
                await using (var reader = await all.ExecuteReaderAsync())
                    while (await reader.ReadAsync()) rows.Add($"{reader.GetString(0)}/{reader.GetString(1)}/{(reader.IsDBNull(2) ? "-" : reader.GetString(2))}");
                Assert.Fail($"No pending at-due reminder of {code} to bring forward; reminders: [{string.Join(", ", rows)}].");
            }
            await Task.Delay(200); // the appraisal step opens as the receipt commits
        }
    }
}
