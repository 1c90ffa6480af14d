using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MiniExcelLibs;
using Xunit.Abstractions;

namespace WorkflowHost.BrowserTests;

/// <summary>
/// The SLA dashboard in headless Chromium against the real server: Hải Châu's manager opens it from the menu, sees the
/// ward's figures, the step waiting on a dossier just received, the bottleneck drawn on the procedure's diagram, sees
/// the step's breach appear live when its deadline passes, and downloads the XLSX, which opens with the same figures.
/// </summary>
public sealed class DashboardTests(BrowserServer fixture, ITestOutputHelper output) : BrowserTestBase(fixture, output)
{
    [Fact]
    public Task Dashboard_ShowsTheWardsFiguresAndABreachLive_AndDownloadsTheXlsx_ForHaiChausManager() => RunAsync(async () =>
    {
        var code = await Fixture.ReceiveMarriageRegistrationAsync("reception.hai-chau", "20242", "Lê Thị Hoa", "048090004321");
        var other = await Fixture.ReceiveMarriageRegistrationAsync("reception.thanh-khe", "20209", "Lê Thị Hoa", "048090004321");

        var page = await SignInAsync("manager.hai-chau");
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
        await Fixture.BringAtDueReminderForwardAsync(code);
        var breached = page.Locator($"[data-testid=overdue] li[data-dossier='{code}']");
        await Assertions.Expect(breached).ToHaveClassAsync(new Regex("fresh"), new() { Timeout = 150_000 });
        await Assertions.Expect(breached).ToContainTextAsync("mới");
        await Assertions.Expect(page.Locator($"[data-testid=due-soon] li[data-dossier='{code}']")).ToHaveCountAsync(0);
        Output.WriteLine($"breach of {code} shown live");
        await ScreenshotAsync(page, "dashboard", fullPage: true);

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
        await ScreenshotAsync(page, "dashboard-en", fullPage: true);
        await page.Context.CloseAsync();
    });
}
