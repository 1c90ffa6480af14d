using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using MiniExcelLibs;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace WorkflowHost.BrowserTests;

/// <summary>
/// The SLA dashboard in headless Chromium against the real server: Hải Châu's manager opens it from the menu, sees the
/// ward's figures, the step waiting on a dossier just received, the bottleneck drawn on the procedure's diagram, sees
/// the step's breach appear live when its deadline passes, and downloads the XLSX, which opens with the same figures.
/// </summary>
public sealed class DashboardTests(BrowserServer fixture, ITestOutputHelper output) : IClassFixture<BrowserServer>
{
    [Fact]
    public Task Dashboard_ShowsTheWardsFiguresAndABreachLive_AndDownloadsTheXlsx_ForHaiChausManager() => RunAsync(async () =>
    {
        var code = await ReceiveAsync("reception.hai-chau", "20242");
        var other = await ReceiveAsync("reception.thanh-khe", "20209");

        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/");
        await page.GetByLabel("Tên đăng nhập").FillAsync("manager.hai-chau");
        await page.GetByLabel("Mật khẩu").FillAsync("manager.hai-chau");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Bảng theo dõi" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("#/dashboard$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Theo dõi giải quyết hồ sơ đúng hạn" })).ToBeVisibleAsync();

        // This month's row of the ward for marriage registration counts the dossier; Thanh Khê's never shows.
        var row = page.Locator("[data-testid=sla-table] tr[data-unit='20242'][data-procedure='1.000894']");
        await Assertions.Expect(row).ToBeVisibleAsync();
        Assert.True(int.Parse(await row.Locator("td").Nth(3).InnerTextAsync()) >= 1, "the received column does not count the new dossier");
        await Assertions.Expect(page.Locator("[data-testid=sla-table] tr[data-unit='20209']")).ToHaveCountAsync(0);

        // The dossier's open step is due within a working day (or already overdue): it is listed, linking to the dossier and slip.
        var listed = page.Locator($"[data-testid=due-soon] li[data-dossier='{code}'], [data-testid=overdue] li[data-dossier='{code}']");
        await Assertions.Expect(listed).ToHaveCountAsync(1);
        await Assertions.Expect(listed.GetByRole(AriaRole.Link, new() { Name = code, Exact = true })).ToHaveAttributeAsync("href", $"#/dossiers/{code}");
        await Assertions.Expect(listed.GetByRole(AriaRole.Link, new() { Name = $"Phiếu kiểm soát của hồ sơ {code}" }))
            .ToHaveAttributeAsync("href", $"#/dossiers/{code}/print/control");
        await Assertions.Expect(page.Locator($"li[data-dossier='{other}']")).ToHaveCountAsync(0);

        // The trend chart and the bottleneck on the diagram (bpmn-js loaded on demand, a badge on the appraisal task).
        await Assertions.Expect(page.GetByTestId("trend-chart")).ToBeVisibleAsync();
        var badge = page.Locator(".bn-badge[data-element='appraise']");
        await Assertions.Expect(badge).ToBeVisibleAsync();
        await Assertions.Expect(badge).ToContainTextAsync("đang xử lý");
        await Assertions.Expect(page.Locator("[data-testid=bottleneck] tr[data-element='appraise']")).ToBeVisibleAsync();

        // Live: the step passes its deadline while the page is open; the breach joins "overdue now" without a reload.
        await Assertions.Expect(page.Locator(".dashboard .live")).ToHaveAttributeAsync("data-live", "live");
        await Assertions.Expect(page.Locator($"[data-testid=overdue] li[data-dossier='{code}']")).ToHaveCountAsync(0);
        await BringBreachForwardAsync(code);
        var breached = page.Locator($"[data-testid=overdue] li[data-dossier='{code}']");
        await Assertions.Expect(breached).ToHaveClassAsync(new Regex("fresh"), new() { Timeout = 150_000 });
        await Assertions.Expect(breached).ToContainTextAsync("mới");
        await Assertions.Expect(page.Locator($"[data-testid=due-soon] li[data-dossier='{code}']")).ToHaveCountAsync(0);
        output.WriteLine($"breach of {code} shown live");

        var shot = Path.Combine(Path.GetTempPath(), "wfh-dashboard.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        output.WriteLine($"screenshot: {shot}");

        // The XLSX download opens with the same row.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-xlsx").ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename);
        var file = Path.Combine(Path.GetTempPath(), $"wfh-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(file);
        try
        {
            var rows = MiniExcel.Query(file, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
            var ours = Assert.Single(rows, r => (string?)r["unit"] == "20242" && (string?)r["procedure"] == "1.000894");
            Assert.Equal(await row.Locator("td").Nth(3).InnerTextAsync(), Convert.ToString(ours["received"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.DoesNotContain(rows, r => (string?)r["unit"] == "20209");
        }
        finally
        {
            File.Delete(file);
        }

        // English labels from the same screen.
        await page.GetByRole(AriaRole.Button, new() { Name = "EN" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "On-time dashboard" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfh-dashboard-en.png"), FullPage = true });
        await page.Context.CloseAsync();
    });

    /// <summary>
    /// Pushes are not replayed: a breach pushed while the page's connection was down (its node restarted, the network
    /// dropped) is lost to it. When the connection comes back the dashboard reads its lists again, so the breach shows
    /// at once rather than at the next minute's refresh.
    /// </summary>
    [Fact]
    public Task Dashboard_ReadsItsListsAgain_WhenItsConnectionComesBack_SoABreachPushedWhileItWasDownShows() => RunAsync(async () =>
    {
        var code = await ReceiveAsync("reception.hai-chau", "20242");
        var page = await fixture.NewPageAsync();
        var sockets = new System.Collections.Concurrent.ConcurrentQueue<IWebSocketRoute>();
        var dropping = 1;
        var dropped = 0;
        await page.RouteWebSocketAsync(new Regex("/hubs/notifications"), socket =>
        {
            sockets.Enqueue(socket);
            var server = socket.ConnectToServer();
            server.OnMessage(frame =>
            {
                // While "down", pushes never reach the page; the hub's pings still do, so the page thinks it is connected.
                if (Volatile.Read(ref dropping) == 1 && frame.Text is { } pushed && pushed.Contains("\"type\":1", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref dropped);
                    return;
                }
                if (frame.Text is { } text) socket.Send(text);
                else if (frame.Binary is { } binary) socket.Send(binary);
            });
        });
        await page.GotoAsync(fixture.BaseUrl + "/");
        await page.GetByLabel("Tên đăng nhập").FillAsync("manager.hai-chau");
        await page.GetByLabel("Mật khẩu").FillAsync("manager.hai-chau");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Bảng theo dõi" }).ClickAsync();
        await Assertions.Expect(page.Locator(".dashboard .live")).ToHaveAttributeAsync("data-live", "live");
        var breached = page.Locator($"[data-testid=overdue] li[data-dossier='{code}']");
        await Assertions.Expect(breached).ToHaveCountAsync(0);

        await BringDueInstantForwardAsync(code);
        var until = DateTime.UtcNow.AddSeconds(150);
        while (Volatile.Read(ref dropped) == 0 && DateTime.UtcNow < until) await Task.Delay(100);
        Assert.True(Volatile.Read(ref dropped) > 0, "The breach was never pushed to the page.");
        Assert.Equal(0, await breached.CountAsync()); // the push was lost to the page

        // The connection drops and comes back on its own (automatic reconnect); the lists are read again.
        Volatile.Write(ref dropping, 0);
        while (sockets.TryDequeue(out var socket)) await socket.CloseAsync();
        await Assertions.Expect(breached).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator(".dashboard .live")).ToHaveAttributeAsync("data-live", "live");
        output.WriteLine($"breach of {code} shown after the reconnect ({dropped} push(es) dropped while down)");
        await page.Context.CloseAsync();
    });

    /// <summary>
    /// Moves the dossier's at-due reminder to now, as its due instant reached (the reminder row is what the server acts
    /// on; the same step as the bell's browser test).
    /// </summary>
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
            if (attempt == 50) Assert.Fail($"No pending at-due reminder of {code} to bring forward.");
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Moves the step's due instant itself to now, with its at-due reminder, so the server's lists also count it
    /// overdue (not only the live push, which is all <see cref="BringBreachForwardAsync"/> makes).
    /// </summary>
    private async Task BringDueInstantForwardAsync(string code)
    {
        var now = (long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(DateTimeOffset.UtcNow)!;
        await using var connection = new SqliteConnection($"Data Source={fixture.DatabaseFile};Pooling=false");
        await connection.OpenAsync();
        await using var task = connection.CreateCommand();
        task.CommandText = """
            UPDATE tasks SET "DueAt" = $now
            WHERE "Id" = (SELECT "TaskId" FROM reminders WHERE "Kind" = 'at-due' AND "Status" = 'pending' AND "DossierId" = (SELECT "Id" FROM dossiers WHERE "Code" = $code))
            """;
        await using var reminder = connection.CreateCommand();
        reminder.CommandText = """
            UPDATE reminders SET "FireAt" = $now, "TaskDueAt" = $now
            WHERE "Kind" = 'at-due' AND "Status" = 'pending' AND "DossierId" = (SELECT "Id" FROM dossiers WHERE "Code" = $code)
            """;
        foreach (var update in new[] { task, reminder })
        {
            update.Parameters.AddWithValue("$now", now);
            update.Parameters.AddWithValue("$code", code);
        }
        for (var attempt = 0; ; attempt++)
        {
            var moved = await task.ExecuteNonQueryAsync();
            if (moved == 1 && await reminder.ExecuteNonQueryAsync() == 1) return;
            if (attempt == 150) Assert.Fail($"No pending at-due reminder of {code} to bring forward (tasks moved: {moved}).");
            await Task.Delay(200);
        }
    }

    /// <summary>Receives a marriage registration at a ward's desk through the API (the desk screen has its own test).</summary>
    private async Task<string> ReceiveAsync(string user, string unit)
    {
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = fixture.Server.BaseAddress };
        (await client.PostAsJsonAsync("/api/auth/login", new { userName = user, password = user })).EnsureSuccessStatusCode();
        var response = await client.PostAsJsonAsync("/api/dossiers", new
        {
            procedureCode = "1.000894", receivingUnit = unit, channel = 1,
            applicant = new { type = "citizen", name = "Lê Thị Hoa", idNumber = "048090004321" }, subject = new { unitCode = unit },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>();
    }

    private async Task RunAsync(Func<Task> body)
    {
        try
        {
            await body();
        }
        catch (Exception ex) when (ex is not XunitException || fixture.Server is not null)
        {
            throw new XunitException($"{ex.Message}{Environment.NewLine}{fixture.Server?.OutputTail()}{Environment.NewLine}{ex}");
        }
    }
}
