using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace WorkflowHost.BrowserTests;

/// <summary>
/// A process owner edits the routing table in the web app (issue 13): changes a row, tries it, saves it as the next
/// version; the next dossier received at the desk follows the new row, and the desk and the dossier say so. In
/// Vietnamese, the app's default. Screenshots of the screens go to <see cref="BrowserServer.ScreenshotDirectory"/>.
/// </summary>
public sealed class RoutingEditorTests(BrowserServer fixture, ITestOutputHelper output) : BrowserTestBase(fixture, output)
{
    private const string Land = "9.900002";

    [Fact]
    public Task ProcessOwner_EditsTriesAndSavesARow_AndTheNextDossierAtTheDeskFollowsIt() => RunAsync(async () =>
    {
        var owner = await SignInAsync("owner");
        await owner.GetByRole(AriaRole.Link, new() { Name = "Quy tắc điều phối" }).ClickAsync();
        await Assertions.Expect(owner).ToHaveURLAsync(new Regex("#/routing$"));
        var table = owner.GetByTestId("routing-table");
        await Assertions.Expect(table.Locator("tr[data-row]")).ToHaveCountAsync(5);
        await Assertions.Expect(owner.GetByLabel("Hàng 4: Mã hàng")).ToHaveValueAsync("land-branch-2025");
        // The version selection rules are edited on the same screen and saved with the table.
        await Assertions.Expect(owner.GetByLabel("Quy tắc phiên bản 1: Mã hàng")).ToHaveValueAsync("cp-ward-trial-2025-06");

        // Row 4 (land from 2025-07-01): from the branch for the area to a fixed unit, Thanh Khê.
        await owner.GetByLabel("Hàng 4: Thẩm quyền").SelectOptionAsync("fixed");
        var fixedUnit = owner.GetByLabel("Hàng 4: Đơn vị cố định");
        await fixedUnit.FillAsync("99999");
        await fixedUnit.PressAsync("Tab");
        // The server's check names the row's mistake, and saving is blocked while it stands.
        await Assertions.Expect(owner.Locator("tr.row-problems").Filter(new() { HasText = "99999" })).ToHaveCountAsync(1);
        await Assertions.Expect(owner.GetByTestId("routing-save")).ToBeDisabledAsync();
        await fixedUnit.FillAsync("20209");
        await fixedUnit.PressAsync("Tab");
        await Assertions.Expect(owner.GetByTestId("routing-save")).ToBeEnabledAsync();

        // Try it with the draft: land in Ngũ Hành Sơn, filed at Hải Châu.
        await owner.Locator("#try-procedure").FillAsync(Land);
        await owner.GetByLabel("Đơn vị của đối tượng (mã hoặc tên)").FillAsync("phường Ngũ Hành Sơn");
        await owner.Locator("#try-receiving").FillAsync("20242");
        await owner.GetByTestId("try-run").ClickAsync();
        var tried = owner.GetByTestId("try-result");
        await Assertions.Expect(tried.GetByTestId("routing-competent")).ToContainTextAsync("Thanh Khê (20209)");
        await Assertions.Expect(tried.GetByTestId("routing-rule")).ToContainTextAsync("land-branch-2025");
        await ScreenshotFromFirstColumnAsync(owner, "routing");

        await owner.GetByLabel("Ghi chú thay đổi").FillAsync("Đất đai: tạm chuyển về Thanh Khê");
        await owner.GetByTestId("routing-save").ClickAsync();
        await Assertions.Expect(owner.GetByTestId("routing-saved")).ToContainTextAsync("phiên bản 2");
        await Assertions.Expect(owner.Locator(".history")).ToContainTextAsync("Đất đai: tạm chuyển về Thanh Khê");
        await owner.Context.CloseAsync();

        // The next land dossier at the Hải Châu desk goes where the saved row says.
        var desk = await SignInAsync("reception.hai-chau");
        await PickProcedureAsync(desk, Land, Land);
        await desk.GetByLabel("Họ và tên / Tên tổ chức").FillAsync("Lê Văn Đất");
        await desk.Locator("[id='subject.unitCode']").SelectOptionAsync("20285");
        await desk.GetByLabel("Thửa đất").FillAsync("12/345");
        var routing = desk.GetByTestId("desk-routing");
        await Assertions.Expect(routing.GetByTestId("routing-competent")).ToContainTextAsync("Thanh Khê (20209)");
        await Assertions.Expect(routing.GetByTestId("routing-rule")).ToContainTextAsync("land-branch-2025 · v2");
        await ScreenshotFromFirstColumnAsync(desk, "desk-routing");
        await desk.GetByTestId("confirm").ClickAsync();
        var code = (await desk.GetByTestId("slip-code").InnerTextAsync()).Trim();
        Output.WriteLine($"received {code}");

        await desk.GotoAsync($"{Fixture.BaseUrl}/#/dossiers/{Uri.EscapeDataString(code)}");
        var routed = desk.GetByTestId("dossier-routing");
        await Assertions.Expect(routed).ToContainTextAsync("land-branch-2025 · v2");
        await Assertions.Expect(desk.Locator("body")).ToContainTextAsync("Thanh Khê");
        await desk.Context.CloseAsync();
    });

    /// <summary>Editing scrolls a wide table sideways; the picture shows it from its first column.</summary>
    private async Task ScreenshotFromFirstColumnAsync(IPage page, string name)
    {
        await page.EvaluateAsync("() => document.querySelectorAll('.table-scroll').forEach(e => e.scrollLeft = 0)");
        await ScreenshotAsync(page, name, fullPage: true);
    }
}
