using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace WorkflowHost.BrowserTests;

/// <summary>
/// What the review walk through the web app (every role, Vietnamese and English) found and fixed, kept from coming
/// back: a screen outside a person's role says so in their language and asks the server nothing; the bell's panel does
/// not stay over the next page; the English screens name the procedure in English; the dashboard writes dates as
/// dd/MM/yyyy; the designer's own bpmn-js pieces speak Vietnamese.
/// </summary>
public sealed partial class RoleAndLanguageTests(BrowserServer fixture, ITestOutputHelper output) : BrowserTestBase(fixture, output)
{
    [Fact]
    public Task ScreenOutsideTheRole_SaysSoInTheUiLanguage_AndAsksTheServerNothing_ForAnOfficer() => RunAsync(async () =>
    {
        var page = await SignInAsync("officer.hai-chau");
        var refused = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status is 403) refused.Add($"{response.Request.Method} {response.Url}");
        };
        var notice = page.GetByTestId("not-for-role");

        foreach (var screen in new[] { "dashboard", "routing", "desk", "migrations", "instances", "designer" })
        {
            await page.GotoAsync($"{Fixture.BaseUrl}/#/{screen}");
            await Assertions.Expect(notice.GetByRole(AriaRole.Heading, new() { Name = "Màn hình này không dành cho vai trò của bạn" })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator($"header a[href='#/{screen}']")).ToHaveCountAsync(0);
        }

        // The way back leads to the officer's own screen; in English the same notice.
        await page.GetByRole(AriaRole.Button, new() { Name = "EN", Exact = true }).ClickAsync();
        await Assertions.Expect(notice.GetByRole(AriaRole.Heading, new() { Name = "This screen is not for your role" })).ToBeVisibleAsync();
        await notice.GetByRole(AriaRole.Link, new() { Name = "Go to my work screen" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("#/inbox$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Inbox", Exact = true })).ToBeVisibleAsync();

        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Empty(refused);
        await page.Context.CloseAsync();
    });

    [Fact]
    public Task Desk_AsksForTheRoutingExplanationAgain_WhenTheLanguageChanges() => RunAsync(async () =>
    {
        var page = await SignInAsync("reception.hai-chau");
        await page.GotoAsync($"{Fixture.BaseUrl}/#/desk");
        await PickProcedureAsync(page, "1.000894", "1.000894");
        var routing = page.GetByTestId("desk-routing");
        await Assertions.Expect(routing).ToContainTextAsync("Thủ tục 1.000894");

        // The server wrote it in Vietnamese because the app asked so; after the switch the app asks again, in English.
        await page.GetByRole(AriaRole.Button, new() { Name = "EN", Exact = true }).ClickAsync();
        await Assertions.Expect(routing).ToContainTextAsync("Procedure 1.000894");
        await Assertions.Expect(routing).Not.ToContainTextAsync("Thủ tục 1.000894");
        await page.Context.CloseAsync();
    });

    [Fact]
    public Task BellPanel_Closes_WhenThePageChanges() => RunAsync(async () =>
    {
        var page = await SignInAsync("reception.hai-chau");
        await page.Locator(".bell-button").ClickAsync();
        await Assertions.Expect(page.Locator("#bell-panel")).ToBeVisibleAsync();

        // The page changes without a click outside the panel (the back button, a keyboard shortcut, a link in a push).
        await page.EvaluateAsync("() => { location.hash = '#/inbox/queue'; }");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Hồ sơ cần xử lý" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#bell-panel")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".bell-button")).ToHaveAttributeAsync("aria-expanded", "false");
        await page.Context.CloseAsync();
    });

    [Fact]
    public Task EnglishScreens_NameTheProcedureInEnglish_AndTheDashboardWritesDatesAsInVietnam_ForHaiChausManager() => RunAsync(async () =>
    {
        var code = await ReceiveAsync();
        var page = await SignInAsync("manager.hai-chau");

        // Vietnamese first: the catalogue's Vietnamese name, the period as dd/MM/yyyy.
        await page.GotoAsync($"{Fixture.BaseUrl}/#/dossiers/{code}");
        await Assertions.Expect(page.GetByTestId("dossier-facts")).ToContainTextAsync("1.000894 Đăng ký kết hôn");
        await page.GotoAsync($"{Fixture.BaseUrl}/#/dashboard");
        await Assertions.Expect(page.Locator("#sla-title")).ToHaveTextAsync(DdMmYyyyPeriod());

        // English: the catalogue's English name on the dossier page and in the unit's queue; dates stay dd/MM/yyyy.
        await page.GetByRole(AriaRole.Button, new() { Name = "EN", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#sla-title")).ToHaveTextAsync(DdMmYyyyPeriod());
        // The switch itself renames the procedures (no reload): the table row and the bottleneck's procedure list.
        await Assertions.Expect(page.Locator("[data-testid=sla-table] tr[data-procedure='1.000894']").First).ToContainTextAsync("Marriage registration");
        await Assertions.Expect(page.Locator("#bn-procedure option[value='1.000894']")).ToHaveTextAsync("1.000894 · Marriage registration");
        await page.GotoAsync($"{Fixture.BaseUrl}/#/dossiers/{code}");
        await Assertions.Expect(page.GetByTestId("dossier-facts")).ToContainTextAsync("1.000894 Marriage registration");
        await Assertions.Expect(page.GetByTestId("dossier-facts")).Not.ToContainTextAsync("Đăng ký kết hôn");
        await page.GotoAsync($"{Fixture.BaseUrl}/#/inbox/queue");
        var row = page.Locator($"[data-dossier='{code}']");
        await Assertions.Expect(row).ToContainTextAsync("Marriage registration");
        await Assertions.Expect(row).Not.ToContainTextAsync("Đăng ký kết hôn");
        await ScreenshotAsync(page, "inbox-en");
        await page.Context.CloseAsync();
    });

    [Fact]
    public Task Designer_LabelsItsLintBadgeAndSimulationSwitchInVietnamese_AndKeepsTheFocusInItsDialog_ForTheProcessOwner() => RunAsync(async () =>
    {
        var page = await SignInAsync("owner");
        var failed = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400) failed.Add($"{response.Status} {response.Request.Method} {response.Url}");
        };
        await page.GotoAsync($"{Fixture.BaseUrl}/#/designer/marriage-registration");
        await Assertions.Expect(page.Locator(".bts-toggle-mode")).ToContainTextAsync("Mô phỏng luồng", new() { Timeout = 60_000 });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Empty(failed); // no draft saved: the editor does not ask for one and log a 404
        await Assertions.Expect(page.Locator(".bjsl-button")).ToContainTextAsync(new Regex("Không có vấn đề|lỗi"));
        await Assertions.Expect(page.Locator(".bts-toggle-mode")).Not.ToContainTextAsync("Token Simulation");

        // The plugin redraws its switch on every toggle: still Vietnamese afterwards.
        await page.Locator(".bts-toggle-mode").ClickAsync();
        await Assertions.Expect(page.Locator(".bts-toggle-mode")).ToContainTextAsync("Mô phỏng luồng");
        await page.Locator(".bts-toggle-mode").ClickAsync();
        await Assertions.Expect(page.Locator(".bts-toggle-mode")).ToContainTextAsync("Mô phỏng luồng");

        // The publish dialog is modal: Tab and Shift+Tab go round inside it, never to the page behind; Esc closes it.
        await page.GetByTestId("publish").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        foreach (var key in Enumerable.Repeat("Tab", 7).Concat(Enumerable.Repeat("Shift+Tab", 7)))
        {
            await page.Keyboard.PressAsync(key);
            Assert.True(await dialog.EvaluateAsync<bool>("d => d.contains(document.activeElement)"), $"{key} left the publish dialog");
        }
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "EN", Exact = true }).ClickAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".bts-toggle-mode")).ToContainTextAsync("Token Simulation", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator(".bjsl-button")).ToContainTextAsync(new Regex("No Issues|Errors"));
        await page.Context.CloseAsync();
    });

    [Fact]
    public Task ProcessOwner_SeesTheDossierCodeOnAnInstance_WithoutLinksToADossierTheServerHidesFromThem() => RunAsync(async () =>
    {
        var code = await ReceiveAsync();
        var page = await SignInAsync("owner");
        await page.GotoAsync($"{Fixture.BaseUrl}/#/instances?businessKey={Uri.EscapeDataString(code)}");
        await page.Locator($"[data-testid=instance-table] a:text-is('{code}')").ClickAsync();
        await Assertions.Expect(page.GetByTestId("dossier-code-text")).ToHaveTextAsync(code);
        await Assertions.Expect(page.GetByTestId("dossier-link")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator($"a[href*='#/dossiers/']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#quick-open")).ToHaveCountAsync(0); // "open a dossier" would only say "not found"

        // The unit's manager, who may read the dossier, still gets both links and the box.
        var manager = await SignInAsync("manager.hai-chau");
        await manager.GotoAsync(page.Url);
        await Assertions.Expect(manager.GetByTestId("dossier-link")).ToHaveAttributeAsync("href", $"#/dossiers/{code}");
        await Assertions.Expect(manager.Locator("#quick-open")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
        await manager.Context.CloseAsync();
    });

    /// <summary>"… 01/12/2026 … 05/12/2026" (the month so far), never the ISO form the API uses.</summary>
    private static Regex DdMmYyyyPeriod() => PeriodPattern();

    [GeneratedRegex(@"\b\d{2}/\d{2}/\d{4}\b.*\b\d{2}/\d{2}/\d{4}\b")]
    private static partial Regex PeriodPattern();

    /// <summary>Receives a marriage registration at Hải Châu's desk through the API; returns its code.</summary>
    private async Task<string> ReceiveAsync()
    {
        var code = await Fixture.ReceiveMarriageRegistrationAsync("reception.hai-chau", "20242", "Đặng Thị Lan", "048090005678");
        Output.WriteLine($"received {code}");
        return code;
    }
}
