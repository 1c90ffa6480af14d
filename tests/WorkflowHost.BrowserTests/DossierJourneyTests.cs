using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace WorkflowHost.BrowserTests;

/// <summary>
/// What people do in the web app, in headless Chromium against the real server: a marriage registration received at
/// the Hải Châu desk and followed through the inbox to the returned result; a wrong password; the public lookup.
/// The app is in Vietnamese (its default), so the labels below are the ones a clerk reads.
/// </summary>
public sealed partial class DossierJourneyTests(BrowserServer fixture, ITestOutputHelper output) : BrowserTestBase(fixture, output)
{
    private const string Procedure = "1.000894";

    [GeneratedRegex(@"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$")]
    private static partial Regex DossierCode();

    [Fact]
    public Task SignIn_ShowsErrorNextToForm_WhenPasswordIsWrong() => RunAsync(async () =>
    {
        var page = await Fixture.NewPageAsync();
        await page.GotoAsync(Fixture.BaseUrl + "/");
        await SubmitSignInAsync(page, "reception.hai-chau", "not-the-password");

        var error = page.Locator("#signin-password-error");
        await Assertions.Expect(error).ToHaveTextAsync("Tên đăng nhập hoặc mật khẩu không đúng.");
        await Assertions.Expect(page.GetByLabel("Mật khẩu")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator(".user-name")).ToHaveCountAsync(0); // still signed out
        await page.Context.CloseAsync();
    });

    [Fact]
    public Task MarriageRegistration_IsReturned_WhenDeskInboxLeaderAndReturnDoTheirSteps() => RunAsync(async () =>
    {
        // 1. Reception at Hải Châu receives the dossier at the desk and prints the receipt-and-appointment slip.
        var desk = await SignInAsync("reception.hai-chau");
        await Assertions.Expect(desk).ToHaveURLAsync(new Regex("#/desk$"));
        await PickProcedureAsync(desk, "ket hon", Procedure); // no diacritics: still found
        await desk.GetByLabel("Họ và tên / Tên tổ chức").FillAsync("Nguyễn Văn Bình");
        await desk.GetByLabel("Số định danh / CCCD").FillAsync("048095001234");
        await desk.GetByLabel("Số điện thoại").FillAsync("0905123456");
        await desk.GetByLabel("Địa chỉ").FillAsync("15 Bạch Đằng");
        var form = desk.Locator("[data-doc] input[type=file]").First;
        await form.SetInputFilesAsync(new FilePayload { Name = "to-khai.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4 to khai"u8.ToArray() });
        await Assertions.Expect(desk.GetByTestId("appointment")).ToContainTextAsync("Hẹn trả kết quả", new() { IgnoreCase = true });

        // A value only the server refuses: its message stands next to the field, and nothing is received.
        await desk.GetByLabel("Số điện thoại").FillAsync("0905 abc");
        await desk.GetByTestId("confirm").ClickAsync();
        await Assertions.Expect(desk.Locator("[id='applicant.phone-error']")).ToContainTextAsync("Số điện thoại chỉ gồm chữ số"); // the server answers in the clerk's language
        await Assertions.Expect(desk.GetByLabel("Số điện thoại")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(desk).ToHaveURLAsync(new Regex("#/desk$"));
        await desk.GetByLabel("Số điện thoại").FillAsync("0905123456");
        await desk.GetByTestId("confirm").ClickAsync();

        var slip = desk.GetByTestId("slip");
        await Assertions.Expect(slip).ToContainTextAsync("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ");
        var code = (await desk.GetByTestId("slip-code").InnerTextAsync()).Trim();
        Assert.Matches(DossierCode(), code);
        var qr = slip.GetByTestId("qr");
        await Assertions.Expect(qr).ToHaveAttributeAsync("data-qr-text", code);
        // The receiving official signs under the name people know, the account name kept small beneath for the audit.
        await Assertions.Expect(slip.GetByTestId("slip-signer")).ToHaveTextAsync("Tiếp nhận — Hải Châu");
        await Assertions.Expect(slip.GetByTestId("slip-signer")).ToHaveAttributeAsync("title", "reception.hai-chau");
        Assert.True(await qr.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the QR image did not render");
        var pdf = await desk.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true });
        Assert.True(pdf.Length > 1000 && pdf[0] == (byte)'%' && pdf[1] == (byte)'P', "printing the slip gave no PDF");
        Output.WriteLine($"received {code}; slip printed to a {pdf.Length}-byte PDF");
        await desk.Context.CloseAsync();

        // The unit's manager sees the new task in the queue, read-only: no claim.
        var manager = await SignInAsync("manager.hai-chau");
        await manager.GotoAsync($"{Fixture.BaseUrl}/#/inbox/queue");
        var managed = manager.Locator($"tr[data-dossier='{code}']");
        for (var attempt = 0; attempt < 30 && await managed.CountAsync() == 0; attempt++)
        {
            await manager.WaitForTimeoutAsync(1000); // the first step may open in a background job on a busy machine
            await manager.Keyboard.PressAsync("r");
        }
        await Assertions.Expect(managed).ToContainTextAsync("Chỉ xem");
        await Assertions.Expect(managed.GetByRole(AriaRole.Button, new() { Name = "Nhận xử lý" })).ToHaveCountAsync(0);
        await manager.Context.CloseAsync();

        // 2. The officer claims the appraisal from the unit's queue and completes it.
        await WorkTaskAsync("officer.hai-chau", code, "Thẩm định", async task =>
            await task.Locator("[data-field=opinion]").FillAsync("Đủ điều kiện đăng ký kết hôn."));

        // 3. The leader approves.
        await WorkTaskAsync("leader.hai-chau", code, "Phê duyệt", async task =>
            await task.Locator("[data-field=approved]").CheckAsync());

        // 4. Reception returns the result (after the applicant is notified by a background job).
        await WorkTaskAsync("reception.hai-chau", code, "Trả kết quả", async task =>
            await task.Locator("[data-field=certificateNumber]").FillAsync("KH-2026-0001"));

        // 5. The dossier page: status 10 and one graded slip row per handover.
        var page = await SignInAsync("admin");
        await page.GotoAsync($"{Fixture.BaseUrl}/#/dossiers/{Uri.EscapeDataString(code)}");
        await Assertions.Expect(page.Locator("[data-testid=dossier-facts] [data-status]")).ToHaveAttributeAsync("data-status", "10");
        await Assertions.Expect(page.GetByTestId("dossier-facts")).ToContainTextAsync("Đã trả kết quả");
        var rows = page.Locator("[data-testid=slip-table] tbody tr");
        var grades = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.grade + ' | ' + r.innerText.replace(/\\s+/g, ' '))");
        Output.WriteLine("slip:" + Environment.NewLine + string.Join(Environment.NewLine, grades));
        // Handovers: desk → appraisal, appraisal → approval, approval → return, return → applicant.
        Assert.True(grades.Length >= 4, $"expected a slip row per handover, got {grades.Length}");
        // The slip names each official by display name (the user name stays as the tooltip), the calendar by its name.
        var appraisalRow = rows.Filter(new() { HasText = "Thẩm định hồ sơ" }).First;
        await Assertions.Expect(appraisalRow.Locator("td").Nth(1)).ToContainTextAsync("Chuyên viên — Hải Châu");
        await Assertions.Expect(appraisalRow.Locator(".person[title='officer.hai-chau']")).ToHaveCountAsync(1);
        await page.GotoAsync($"{Fixture.BaseUrl}/#/dossiers/{Uri.EscapeDataString(code)}/print/control");
        var control = page.GetByTestId("slip");
        await Assertions.Expect(control).ToContainTextAsync("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ");
        await Assertions.Expect(control).ToContainTextAsync("(Tiếp nhận — Hải Châu)");
        await Assertions.Expect(control).ToContainTextAsync("(Chuyên viên — Hải Châu)");
        await Assertions.Expect(control).Not.ToContainTextAsync("(reception.hai-chau)");
        await page.GotoAsync($"{Fixture.BaseUrl}/#/dossiers/{Uri.EscapeDataString(code)}");
        await Assertions.Expect(page.GetByTestId("calendar-name")).ToContainTextAsync("Lịch làm việc cơ quan nhà nước");
        var graded = grades.Count(g => g.StartsWith("early |", StringComparison.Ordinal) || g.StartsWith("onTime |", StringComparison.Ordinal) || g.StartsWith("late |", StringComparison.Ordinal));
        Assert.True(graded >= 3, $"expected the worked steps to be graded early/on time/late: {string.Join("; ", grades)}");

        // The file uploaded at the desk is listed and downloads as it was sent.
        var document = page.Locator(".doc-list a", new() { HasText = "Tờ khai đăng ký kết hôn" });
        await Assertions.Expect(document).ToHaveCountAsync(1);
        var download = await page.Context.APIRequest.GetAsync(Fixture.BaseUrl + await document.GetAttributeAsync("href"));
        Assert.Equal(200, download.Status);
        Assert.Equal("%PDF-1.4 to khai", await download.TextAsync());
        await page.Context.CloseAsync();

        // 6. The citizen looks it up without signing in.
        var lookup = await Fixture.NewPageAsync();
        await lookup.GotoAsync($"{Fixture.BaseUrl}/#/lookup");
        await lookup.GetByLabel("Mã hồ sơ").FillAsync(code);
        await lookup.GetByRole(AriaRole.Button, new() { Name = "Tra cứu" }).ClickAsync();
        var result = lookup.GetByTestId("lookup-result");
        await Assertions.Expect(result).ToContainTextAsync(code);
        await Assertions.Expect(result).ToContainTextAsync("Đã trả kết quả");
        await Assertions.Expect(result).ToContainTextAsync("Đăng ký kết hôn");
        await Assertions.Expect(result).Not.ToContainTextAsync("Nguyễn Văn Bình"); // no personal data
        await Assertions.Expect(lookup.Locator(".user-name")).ToHaveCountAsync(0);
        // In English the citizen reads the catalogue's English procedure name.
        await lookup.GetByRole(AriaRole.Button, new() { Name = "EN", Exact = true }).ClickAsync();
        await lookup.GotoAsync($"{Fixture.BaseUrl}/#/lookup/{Uri.EscapeDataString(code)}");
        await Assertions.Expect(lookup.GetByTestId("lookup-procedure")).ToHaveTextAsync("Marriage registration");
        await Assertions.Expect(lookup.GetByTestId("lookup-procedure")).ToHaveAttributeAsync("lang", "en");
        await lookup.Context.CloseAsync();
    });

    [Fact]
    public Task LateDossier_GetsOneApologyWithANewDate_AndItsLetterPrints() => RunAsync(async () =>
    {
        var officer = await SignInAsync("officer.hai-chau");
        var reception = await SignInAsync("reception.hai-chau");
        var received = await reception.Context.APIRequest.PostAsync(Fixture.BaseUrl + "/api/dossiers", new()
        {
            DataObject = new
            {
                procedureCode = Procedure, receivingUnit = "20242", channel = 1,
                applicant = new { type = "citizen", name = "Phan Thị Chờ Lâu", idNumber = "048090004321" },
                subject = new { unitCode = "20242", address = "3 Lê Lợi" },
            },
        });
        Assert.Equal(201, received.Status);
        var code = (await received.JsonAsync())!.Value.GetProperty("code").GetString()!;
        await reception.Context.CloseAsync();

        await officer.GotoAsync($"{Fixture.BaseUrl}/#/dossiers/{Uri.EscapeDataString(code)}");
        var panel = officer.GetByTestId("deadlines");
        await panel.GetByTestId("apologise").ClickAsync();
        // Without a reason the server is not even asked: the message stands next to the field.
        await officer.GetByLabel("Ngày giờ hẹn trả mới").FillAsync(DateTime.UtcNow.AddHours(7).AddDays(20).ToString("yyyy-MM-dd'T'09:00"));
        await officer.GetByRole(AriaRole.Button, new() { Name = "Lập phiếu xin lỗi" }).ClickAsync();
        await Assertions.Expect(officer.Locator("#ext-reason-error")).ToContainTextAsync("Nêu lý do");
        await Assertions.Expect(officer.GetByLabel("Lý do")).ToHaveAttributeAsync("aria-invalid", "true");
        // A date before the appointment: the server's 422 names the field, shown next to it.
        await officer.GetByLabel("Ngày giờ hẹn trả mới").FillAsync("2026-01-05T09:00");
        await officer.GetByLabel("Lý do").FillAsync("Chờ kết quả xác minh nơi cư trú");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Lập phiếu xin lỗi" }).ClickAsync();
        await Assertions.Expect(officer.Locator("#ext-new-at-error")).ToContainTextAsync("Ngày hẹn mới phải sau ngày hẹn hiện tại");

        await officer.GetByLabel("Ngày giờ hẹn trả mới").FillAsync(DateTime.UtcNow.AddHours(7).AddDays(20).ToString("yyyy-MM-dd'T'09:00"));
        await officer.GetByRole(AriaRole.Button, new() { Name = "Lập phiếu xin lỗi" }).ClickAsync();
        await Assertions.Expect(panel.GetByTestId("extension")).ToContainTextAsync("Chờ kết quả xác minh nơi cư trú");
        await Assertions.Expect(panel.GetByTestId("apologise")).ToHaveCountAsync(0); // once only
        await Assertions.Expect(panel.GetByTestId("deadline-changes")).ToContainTextAsync("Xin lỗi, hẹn lại");
        await Assertions.Expect(panel.GetByTestId("deadline-changes")).ToContainTextAsync("Chuyên viên — Hải Châu"); // who moved it, by name
        await Assertions.Expect(panel.GetByTestId("calendar-name")).ToContainTextAsync("Lịch làm việc cơ quan nhà nước");
        await ScreenshotAsync(officer, "dossier-deadlines", fullPage: true);

        await panel.GetByRole(AriaRole.Link, new() { Name = "In phiếu xin lỗi và hẹn lại" }).ClickAsync();
        var letter = officer.GetByTestId("slip");
        await Assertions.Expect(letter).ToContainTextAsync("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ");
        await Assertions.Expect(letter.GetByTestId("slip-signer")).ToHaveTextAsync("Chuyên viên — Hải Châu");
        await Assertions.Expect(letter.GetByTestId("slip-reason")).ToHaveTextAsync("Chờ kết quả xác minh nơi cư trú");
        await Assertions.Expect(letter.GetByTestId("slip-new-appointment")).ToContainTextAsync("9 giờ 00 phút");
        await ScreenshotAsync(officer, "apology-letter", fullPage: true);
        await officer.Context.CloseAsync();
    });

    /// <summary>From the unit's queue: claim the dossier's task, open it, fill the form, complete; back in the inbox.</summary>
    private async Task WorkTaskAsync(string user, string code, string taskName, Func<IPage, Task> fill)
    {
        var page = await SignInAsync(user);
        await page.GotoAsync($"{Fixture.BaseUrl}/#/inbox/queue");
        var row = page.Locator($"tr[data-dossier='{code}']").Filter(new() { HasText = taskName });
        for (var attempt = 0; attempt < 30 && await row.CountAsync() == 0; attempt++)
        {
            await page.WaitForTimeoutAsync(1000); // the step before may finish in a background job
            await page.Keyboard.PressAsync("r");   // the inbox's refresh shortcut
        }

        await Assertions.Expect(row).ToHaveCountAsync(1);
        await row.GetByRole(AriaRole.Button, new() { Name = "Nhận xử lý" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice--success")).ToContainTextAsync("Đã nhận xử lý");

        // Claimed, it leaves the unit's queue for "my tasks" (tab 1, by its keyboard shortcut).
        await page.Keyboard.PressAsync("1");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("#/inbox/mine$"));
        var mine = page.Locator($"tr[data-dossier='{code}']").Filter(new() { HasText = taskName });
        await Assertions.Expect(mine).ToContainTextAsync("Tôi");
        await mine.Locator(".task-link").ClickAsync();
        await Assertions.Expect(page.GetByTestId("assignment")).ToContainTextAsync("Bạn đang xử lý");
        await fill(page);
        await page.GetByTestId("complete").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("#/inbox/mine$"));
        await Assertions.Expect(page.Locator(".notice--success")).ToContainTextAsync(code);
        Output.WriteLine($"{user}: completed '{taskName}' of {code}");
        await page.Context.CloseAsync();
    }
}
