using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace WorkflowHost.BrowserTests;

/// <summary>
/// An admin makes an officer for Thanh Khê in the web app (errors next to the fields first), the officer signs in with
/// the temporary password, is made to choose their own and sees Thanh Khê's queue (not Hải Châu's); the admin then
/// deactivates the account and the officer's open page is signed out. In Vietnamese, the app's default. With
/// WORKFLOWHOST_SCREENSHOTS set to a folder, the screens are saved there.
/// </summary>
public sealed class UserAdministrationTests(BrowserServer fixture, ITestOutputHelper output) : BrowserTestBase(fixture, output)
{
    private const string NewPassword = "Thanh-Khe-2025";

    [Fact]
    public Task Admin_CreatesAnOfficer_WhoChoosesAPassword_AndSeesTheUnitsInbox() => RunAsync(async () =>
    {
        var thanhKhe = await Fixture.ReceiveMarriageRegistrationAsync("reception.thanh-khe", "20209", "Phan Thị Luân", "048090001234");
        var haiChau = await Fixture.ReceiveMarriageRegistrationAsync("reception.hai-chau", "20242", "Võ Văn Khác", "048090004321");
        Output.WriteLine($"received {thanhKhe} and {haiChau}");

        var admin = await SignInAsync("admin");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Người dùng" }).ClickAsync();
        await Assertions.Expect(admin).ToHaveURLAsync(new Regex("#/users$"));
        await Assertions.Expect(admin.Locator("tr[data-user='officer.thanh-khe']")).ToHaveCountAsync(1);
        await admin.Locator("#u-unit").SelectOptionAsync("20209");
        await admin.Locator("#u-role").SelectOptionAsync("officer");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Lọc", Exact = true }).ClickAsync();
        await Assertions.Expect(admin.Locator("tr[data-user='officer.hai-chau']")).ToHaveCountAsync(0);
        await Assertions.Expect(admin.Locator("tr[data-user='officer.thanh-khe']")).ToHaveCountAsync(1);
        await ScreenshotAsync(admin, "users", fullPage: true);

        await admin.GetByTestId("new-user").ClickAsync();
        await Assertions.Expect(admin).ToHaveURLAsync(new Regex("#/users/new$"));
        // First with mistakes: the server's errors appear next to their fields.
        await admin.Locator("#acc-user").FillAsync("officer.moi");
        await admin.Locator("#acc-name").FillAsync("Trần Văn Mới");
        await admin.Locator("#acc-email").FillAsync("khong-phai-email");
        await admin.GetByLabel("Chuyên viên").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Tạo tài khoản" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#acc-email-error")).ToContainTextAsync("khong-phai-email");
        await Assertions.Expect(admin.Locator("#acc-units-error")).ToBeVisibleAsync();
        await ScreenshotAsync(admin, "users-form-errors", fullPage: true);

        await admin.Locator("#acc-email").FillAsync("tran.van.moi@danang.gov.vn");
        await admin.Locator("#acc-units").SelectOptionAsync("20209");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Tạo tài khoản" }).ClickAsync();
        var shown = admin.GetByTestId("temporary-password");
        await Assertions.Expect(shown).ToContainTextAsync("officer.moi");
        var temporary = (await shown.Locator(".temp-password").InnerTextAsync()).Trim();
        Assert.Equal(16, temporary.Length);
        await ScreenshotAsync(admin, "users-created", fullPage: true);

        // The officer signs in with it and is made to choose a password before anything else.
        var officer = await Fixture.NewPageAsync();
        await officer.GotoAsync(Fixture.BaseUrl + "/");
        await SubmitSignInAsync(officer, "officer.moi", temporary);
        await Assertions.Expect(officer.GetByTestId("first-password")).ToBeVisibleAsync();
        await officer.Locator("#pw-current").FillAsync(temporary);
        await officer.Locator("#pw-new").FillAsync("abc");
        await officer.Locator("#pw-repeat").FillAsync("abc");
        await officer.Locator("#pw-repeat").PressAsync("Enter");
        await Assertions.Expect(officer.Locator("#pw-new-error")).ToBeVisibleAsync();
        await ScreenshotAsync(officer, "first-password", fullPage: true);
        await officer.Locator("#pw-new").FillAsync(NewPassword);
        await officer.Locator("#pw-repeat").FillAsync(NewPassword);
        await officer.Locator("#pw-repeat").PressAsync("Enter");
        await Assertions.Expect(officer.Locator(".user-name")).ToHaveAttributeAsync("data-user", "officer.moi");
        await Assertions.Expect(officer.GetByTestId("first-password")).ToHaveCountAsync(0);

        // The unit's queue: Thanh Khê's dossier, not Hải Châu's.
        await officer.GotoAsync($"{Fixture.BaseUrl}/#/inbox/queue");
        var row = officer.Locator($"tr[data-dossier='{thanhKhe}']");
        for (var attempt = 0; attempt < 20 && await row.CountAsync() == 0; attempt++)
        {
            await officer.WaitForTimeoutAsync(1000);
            await officer.Keyboard.PressAsync("r");
        }
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(officer.Locator($"tr[data-dossier='{haiChau}']")).ToHaveCountAsync(0);
        await ScreenshotAsync(officer, "users-officer-inbox", fullPage: true);

        // Everyone signed in has "change my password" in the header.
        await officer.GetByTestId("change-password-open").ClickAsync();
        await Assertions.Expect(officer.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await officer.Locator("#pw-current").FillAsync(NewPassword);
        await officer.Locator("#pw-new").FillAsync(NewPassword + "!");
        await officer.Locator("#pw-repeat").FillAsync(NewPassword + "?");
        await officer.Locator("#pw-repeat").PressAsync("Enter");
        await Assertions.Expect(officer.Locator("#pw-repeat-error")).ToBeVisibleAsync();
        await ScreenshotAsync(officer, "change-password", fullPage: true);
        await officer.Locator("#pw-repeat").FillAsync(NewPassword + "!");
        await officer.Locator("#pw-repeat").PressAsync("Enter");
        await Assertions.Expect(officer.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Assertions.Expect(officer.GetByTestId("password-changed")).ToBeVisibleAsync();
        // The session goes on with a renewed cookie.
        await officer.Keyboard.PressAsync("r");
        await Assertions.Expect(officer.Locator($"tr[data-dossier='{thanhKhe}']")).ToHaveCountAsync(1);
        await officer.GetByTestId("change-password-open").ClickAsync();
        // The dialog listens for Escape once it has moved focus in (effects run after paint).
        await Assertions.Expect(officer.Locator("#pw-current")).ToBeFocusedAsync();
        await officer.Keyboard.PressAsync("Escape");
        await Assertions.Expect(officer.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        // The admin deactivates the account from its page; its history shows each change.
        await admin.GotoAsync($"{Fixture.BaseUrl}/#/users/officer.moi");
        await Assertions.Expect(admin.GetByTestId("audit-table")).ToContainTextAsync("Người dùng đổi mật khẩu");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Vô hiệu hoá" }).ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Vô hiệu hoá" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".notice--success")).ToContainTextAsync("Đã vô hiệu hoá");
        await Assertions.Expect(admin.Locator("h1 [data-status='deactivated']")).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByTestId("audit-table")).ToContainTextAsync("Vô hiệu hoá");
        await ScreenshotAsync(admin, "users-detail", fullPage: true);
        // The same screen in English.
        await admin.GetByRole(AriaRole.Button, new() { Name = "EN", Exact = true }).ClickAsync();
        await Assertions.Expect(admin.Locator("#audit-title")).ToHaveTextAsync("History");
        await Assertions.Expect(admin.GetByRole(AriaRole.Button, new() { Name = "Reactivate" })).ToBeVisibleAsync();
        await ScreenshotAsync(admin, "users-detail-en", fullPage: true);
        await admin.GetByRole(AriaRole.Button, new() { Name = "VI", Exact = true }).ClickAsync();

        // The officer's open page is signed out at its next request.
        await officer.Keyboard.PressAsync("r");
        await Assertions.Expect(officer.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" })).ToBeVisibleAsync();
        await officer.Context.CloseAsync();
        await admin.Context.CloseAsync();
    });
}
