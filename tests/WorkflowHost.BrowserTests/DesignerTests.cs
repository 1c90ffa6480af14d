using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using WorkflowHost.Testing;

namespace WorkflowHost.BrowserTests;

/// <summary>
/// The designer in headless Chromium against the real server, as a process owner uses it: a procedure built by
/// clicking, the server's validation on the offending flow, the fix, publishing with a change note, a second version
/// and the diff that marks the changed task, a version rule that sends the desk's next dossier to it and that dossier's
/// instance in the viewer; and every BPMN MIWG model opened, exported and re-opened unchanged.
/// Labels are the Vietnamese ones (the app's default).
/// </summary>
public sealed partial class DesignerTests(BrowserServer fixture, ITestOutputHelper output) : BrowserTestBase(fixture, output)
{
    private const string HouseholdBusiness = "9.900003";
    private const string HaiChau = "20242";

    [GeneratedRegex("User Task")]
    private static partial Regex UserTaskHeader();

    [GeneratedRegex("Sequence Flow")]
    private static partial Regex SequenceFlowHeader();

    [Fact]
    public Task ProcessOwner_BuildsFixesAndPublishesAProcedure_AndTheDiffMarksTheChangedTask() => RunAsync(async () =>
    {
        var page = await SignInAsync("owner");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("#/designer$")); // a process owner's start page
        var key = $"ho-kinh-doanh-{Guid.NewGuid():N}"[..30];
        await page.GetByLabel("Mã quy trình").FillAsync(key);
        await page.GetByLabel("Tên", new() { Exact = true }).FillAsync("Đăng ký hộ kinh doanh");
        await page.GetByRole(AriaRole.Button, new() { Name = "Thủ tục mới" }).ClickAsync();
        var diagram = new Diagram(page);
        await Assertions.Expect(diagram.Element("received")).ToBeVisibleAsync();

        // Start → task (typed name) → user task with candidate group and budget.
        await diagram.SelectAsync("received");
        await diagram.PadAsync("append.append-task");
        await page.Keyboard.TypeAsync("Thẩm định hồ sơ");
        await diagram.ClickBlankAsync();
        var taskId = await page.Locator(".djs-element.djs-shape[data-element-id^='Activity_']").First.GetAttributeAsync("data-element-id");
        await diagram.SelectAsync(taskId!);
        await diagram.PadAsync("replace");
        await page.Locator("[data-id='replace-with-user-task']").ClickAsync();
        await Assertions.Expect(page.Locator(".djs-popup")).ToHaveCountAsync(0);
        await diagram.SelectAsync(taskId!);
        await Assertions.Expect(page.Locator(".bio-properties-panel-header-type")).ToHaveTextAsync(UserTaskHeader());
        await diagram.PropertyAsync("general", "id", "appraise");
        await diagram.PropertyAsync("CamundaPlatform__UserAssignment", "candidateGroups", "officer");
        await diagram.PropertyAsync("workflowhost", "wh-stepBudget", "P3D");
        await Assertions.Expect(page.GetByTestId("budget")).ToContainTextAsync("3 ngày làm việc");

        // The task's form opens in the form-js editor (kept as wh:formSchema in the task); closed without changes here.
        await page.GetByTestId("edit-form").ClickAsync();
        await Assertions.Expect(page.GetByTestId("form-editor").Locator(".fjs-palette-field").First).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Hủy" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        // Exclusive gateway with two ends: both flows leave it without a condition.
        await diagram.SelectAsync("appraise");
        await diagram.PadAsync("append.gateway");
        var gateway = await page.Locator(".djs-element.djs-shape[data-element-id^='Gateway_']").First.GetAttributeAsync("data-element-id");
        // Only what the engine executes is offered: no complex gateway in the replace menu, no data objects in the palette.
        await diagram.SelectAsync(gateway!);
        await diagram.PadAsync("replace");
        await Assertions.Expect(page.Locator("[data-id='replace-with-parallel-gateway']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-id='replace-with-complex-gateway']")).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("Escape");
        // Escape reaches the menu only if it holds the focus, which a busy machine may not have given it yet; a click on
        // the blank canvas closes it either way (the gateway is selected again below).
        if (await page.Locator(".djs-popup").CountAsync() > 0) await diagram.ClickBlankAsync();
        await Assertions.Expect(page.Locator(".djs-popup")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".djs-palette [data-action='create.exclusive-gateway']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".djs-palette [data-action='create.data-object']")).ToHaveCountAsync(0);
        await diagram.SelectAsync(gateway!);
        await diagram.PadAsync("append.end-event");
        await diagram.SelectAsync(gateway!);
        await diagram.PadAsync("append.end-event");

        var serverErrors = page.Locator(".problem--error .problem-button").Filter(new() { HasText = "máy chủ" });
        await Assertions.Expect(serverErrors).ToHaveCountAsync(2);
        var flows = await serverErrors.EvaluateAllAsync<string[]>("ns => ns.map(n => n.getAttribute('data-element-id'))");
        Assert.All(flows, f => Assert.StartsWith("Flow_", f));
        await Assertions.Expect(serverErrors.First).ToContainTextAsync("không có điều kiện và không phải luồng mặc định"); // the server speaks the designer's language
        await Assertions.Expect(page.Locator($".djs-connection.wh-error[data-element-id='{flows[0]}']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator($".wh-problem-badge--error[data-element-id='{flows[0]}']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("publish")).ToBeDisabledAsync();

        // One condition: the other flow's error remains and publishing stays blocked.
        await diagram.ConditionAsync(flows[0], "${decision == 'accept'}");
        await Assertions.Expect(serverErrors).ToHaveCountAsync(1);
        await Assertions.Expect(serverErrors.First).ToHaveAttributeAsync("data-element-id", flows[1]);
        await Assertions.Expect(page.GetByTestId("publish")).ToBeDisabledAsync();
        await ScreenshotAsync(page, "designer-validation");

        // The fix: a condition on the second flow too. No errors left; publish with a change note.
        await diagram.ConditionAsync(flows[1], "${decision != 'accept'}");
        await Assertions.Expect(page.GetByTestId("error-count")).ToHaveTextAsync(new Regex("^0 lỗi"));
        await diagram.PublishAsync("Phiên bản đầu tiên: thẩm định 3 ngày");
        await Assertions.Expect(page.GetByTestId("designer-message")).ToHaveTextAsync("Đã ban hành phiên bản 1.");
        await Assertions.Expect(page.Locator("tr[data-version='1']")).ToContainTextAsync("Phiên bản đầu tiên: thẩm định 3 ngày");
        await Assertions.Expect(page.Locator("tr[data-version='1']")).ToContainTextAsync("owner");

        // Token simulation switches on and off (the modeler's simulation module answers the toggle).
        var simulate = page.GetByRole(AriaRole.Button, new() { Name = "Mô phỏng luồng" });
        await simulate.ClickAsync();
        await Assertions.Expect(simulate).ToHaveAttributeAsync("aria-pressed", "true");
        await simulate.ClickAsync();
        await Assertions.Expect(simulate).ToHaveAttributeAsync("aria-pressed", "false");

        // Version 2 changes the task's budget; the diff marks that task (and only it) as changed.
        await diagram.SelectAsync("appraise");
        await diagram.PropertyAsync("workflowhost", "wh-stepBudget", "P5D");
        await Assertions.Expect(page.GetByTestId("budget")).ToContainTextAsync("5 ngày làm việc");
        await diagram.PublishAsync("Thẩm định 5 ngày");
        await Assertions.Expect(page.GetByTestId("designer-message")).ToHaveTextAsync("Đã ban hành phiên bản 2.");
        await page.GetByLabel("So sánh phiên bản 1").CheckAsync();
        await page.GetByLabel("So sánh phiên bản 2").CheckAsync();
        await page.GetByTestId("compare").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='diff-older'] .djs-element[data-element-id='appraise']")).ToHaveClassAsync(new Regex("diff-changed"));
        await Assertions.Expect(page.Locator("[data-testid='diff-newer'] .djs-element[data-element-id='appraise']")).ToHaveClassAsync(new Regex("diff-changed"));
        await Assertions.Expect(page.Locator("[data-testid='diff-newer'] .diff-changed")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("diff-list")).ToContainTextAsync("stepBudget: P3D → P5D");
        await ScreenshotAsync(page, "designer-diff");

        // A version selection rule in the routing screen sends household business registrations received at Hải Châu
        // to the procedure just published (no version named: its published version, 2).
        await page.GotoAsync($"{Fixture.BaseUrl}/#/routing");
        var versionRules = page.GetByTestId("version-rules");
        await Assertions.Expect(versionRules.Locator("tbody tr")).Not.ToHaveCountAsync(0);
        var row = await versionRules.Locator("tbody tr:not(.row-problems)").CountAsync() + 1;
        await page.GetByRole(AriaRole.Button, new() { Name = "Thêm quy tắc phiên bản" }).ClickAsync();
        var cell = (string column) => page.GetByLabel($"Quy tắc phiên bản {row}: {column}", new() { Exact = true });
        await cell("Mã hàng").FillAsync("hkd-hai-chau-designer");
        await cell("Mã thủ tục").FillAsync(HouseholdBusiness);
        await cell("Nơi tiếp nhận").FillAsync(HaiChau);
        await cell("Quy trình (mã BPMN)").FillAsync(key);
        await page.GetByLabel("Ghi chú thay đổi").FillAsync("Hộ kinh doanh tại Hải Châu theo quy trình mới");
        await Assertions.Expect(page.GetByTestId("routing-save")).ToBeEnabledAsync();
        await page.GetByTestId("routing-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("routing-saved")).ToBeVisibleAsync();

        // Reception at Hải Châu receives one at the desk: it runs the published procedure.
        var desk = await SignInAsync("reception.hai-chau");
        await PickProcedureAsync(desk, HouseholdBusiness, HouseholdBusiness);
        await desk.GetByLabel("Họ và tên / Tên tổ chức").FillAsync("Hộ kinh doanh Bà Năm");
        await desk.Locator("[id='subject.unitCode']").SelectOptionAsync(HaiChau);
        await Assertions.Expect(desk.GetByTestId("desk-routing")).ToContainTextAsync("hkd-hai-chau-designer");
        await desk.GetByTestId("confirm").ClickAsync();
        var code = (await desk.GetByTestId("slip-code").InnerTextAsync()).Trim();
        await desk.Context.CloseAsync();

        // The unit's manager goes from the dossier to its instance: version 2, waiting at the appraisal built above.
        var manager = await SignInAsync("manager.hai-chau");
        await manager.GotoAsync($"{Fixture.BaseUrl}/#/dossiers/{Uri.EscapeDataString(code)}");
        await manager.GetByTestId("instance-link").ClickAsync();
        await Assertions.Expect(manager.GetByTestId("diagram")).ToHaveAttributeAsync("data-state", "ready");
        await Assertions.Expect(manager.GetByTestId("diagram")).ToHaveAttributeAsync("aria-label", new Regex($"{Regex.Escape(key)} phiên bản 2"));
        await Assertions.Expect(manager.Locator(".djs-element.wh-active")).ToHaveAttributeAsync("data-element-id", "appraise");
        await Assertions.Expect(manager.Locator(".djs-element.wh-visited[data-element-id='received']")).ToHaveCountAsync(1);
        await Assertions.Expect(manager.GetByTestId("dossier-link")).ToHaveTextAsync(code);
        await ScreenshotAsync(manager, "designer-published-instance", fullPage: true);
        await manager.Context.CloseAsync();

        // The process owner finds it in the instance list of the procedure.
        await page.GotoAsync($"{Fixture.BaseUrl}/#/instances?definitionKey={key}");
        await page.GetByTestId("instance-table").GetByRole(AriaRole.Link, new() { Name = code }).ClickAsync();
        await Assertions.Expect(page.Locator(".djs-element.wh-active")).ToHaveAttributeAsync("data-element-id", "appraise");
        await page.Context.CloseAsync();
    });

    private static string MiwgRoot => Path.Combine(Path.GetDirectoryName(ReferenceData.RepositoryWorkflows)!, "tests", "fixtures", "conformance", "bpmn-miwg");

    /// <summary>Every .bpmn of the MIWG reference suite in the repository, the bpmn-io exports included.</summary>
    private static List<string> MiwgModels() =>
        Directory.EnumerateFiles(MiwgRoot, "*.bpmn", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(MiwgRoot, f)).Order(StringComparer.Ordinal).ToList();

    /// <summary>All MIWG models in one page (one sign-in, one modeler): each is imported, exported, re-imported, and must
    /// show the same elements at the same places.</summary>
    [Fact]
    public Task EveryMiwgModel_OpensWithoutError_AndKeepsItsDiagram_WhenSavedAndReopened() => RunAsync(async () =>
    {
        var root = MiwgRoot;
        var models = MiwgModels();
        Assert.True(models.Count >= 40, $"only {models.Count} MIWG models found under {root}");
        var page = await SignInAsync("owner");
        await page.GotoAsync($"{Fixture.BaseUrl}/#/designer/miwg-roundtrip");
        var diagram = new Diagram(page);
        await Assertions.Expect(diagram.Element("received")).ToBeVisibleAsync();
        var failures = new List<string>();
        foreach (var model in models)
        {
            var before = await diagram.ImportAsync(await File.ReadAllBytesAsync(Path.Combine(root, model)), model);
            if (before.Error is not null) { failures.Add($"{model}: {before.Error}"); continue; }
            byte[] exported;
            try
            {
                var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Xuất .bpmn" }).ClickAsync(),
                    new() { Timeout = 10_000 });
                exported = await File.ReadAllBytesAsync((await download.PathAsync())!);
            }
            catch (TimeoutException)
            {
                failures.Add($"{model}: no .bpmn was exported");
                continue;
            }
            var after = await diagram.ImportAsync(exported, "exported-" + Path.GetFileName(model));
            if (after.Error is not null) failures.Add($"{model} (re-opened): {after.Error}");
            else if (before.Geometry != after.Geometry) failures.Add($"{model}: the diagram changed on save and re-open{Environment.NewLine}  before {before.Geometry}{Environment.NewLine}  after  {after.Geometry}");
            else if (before.Count == 0) failures.Add($"{model}: nothing was drawn");
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        await page.Context.CloseAsync();
    });

    /// <summary>Actions on the designer's canvas and properties panel.</summary>
    private sealed class Diagram(IPage page)
    {
        public ILocator Element(string id) => page.Locator($"[data-testid='canvas'] .djs-element[data-element-id='{id}']");

        public Task ClickBlankAsync() =>
            page.Locator("[data-testid='canvas'] svg[data-element-id]").ClickAsync(new() { Position = new() { X = 800, Y = 470 } });

        /// <summary>Selects by clicking (bottom middle: badges sit on the top corners). Clears the selection first: bpmn-js does
        /// not re-select an element that is selected already, and the panel may show another one after a replace.</summary>
        public async Task SelectAsync(string id)
        {
            await ClickBlankAsync();
            var box = (await Element(id).BoundingBoxAsync())!;
            await Element(id).ClickAsync(new() { Position = new() { X = box.Width / 2, Y = box.Height - 8 } });
        }

        public Task PadAsync(string action) => page.Locator($".djs-context-pad [data-action='{action}']").ClickAsync();

        public async Task PropertyAsync(string group, string entry, string value)
        {
            var header = page.Locator($"[data-group-id='group-{group}'] .bio-properties-panel-group-header");
            if (!(await header.GetAttributeAsync("class"))!.Contains("open", StringComparison.Ordinal)) await header.ClickAsync();
            var field = page.Locator($"#bio-properties-panel-{entry}");
            await field.FillAsync(value);
            await field.PressAsync("Tab");
        }

        /// <summary>Selects the flow from the problem list (which is how a process owner finds it) and gives it a condition.</summary>
        public async Task ConditionAsync(string flowId, string expression)
        {
            await page.Locator($".problem-button[data-element-id='{flowId}']").First.ClickAsync();
            await Assertions.Expect(page.Locator(".bio-properties-panel-header-type")).ToHaveTextAsync(SequenceFlowHeader());
            await Assertions.Expect(page.Locator($".djs-connection.selected[data-element-id='{flowId}']")).ToHaveCountAsync(1);
            var header = page.Locator("[data-group-id='group-CamundaPlatform__Condition'] .bio-properties-panel-group-header");
            if (!(await header.GetAttributeAsync("class"))!.Contains("open", StringComparison.Ordinal)) await header.ClickAsync();
            await page.Locator("#bio-properties-panel-conditionType").SelectOptionAsync("expression");
            await PropertyAsync("CamundaPlatform__Condition", "conditionExpression", expression);
        }

        public async Task PublishAsync(string note)
        {
            await Assertions.Expect(page.GetByTestId("publish")).ToBeEnabledAsync();
            await page.GetByTestId("publish").ClickAsync();
            await page.GetByLabel("Nội dung thay đổi (ghi chú)").FillAsync(note);
            await page.GetByTestId("confirm-publish").ClickAsync();
        }

        /// <summary>Imports a file through the toolbar; returns what was drawn (ids with their positions) or the error shown.</summary>
        public async Task<(string? Error, string Geometry, int Count)> ImportAsync(byte[] content, string name)
        {
            var canvas = page.GetByTestId("canvas");
            var done = int.Parse((await canvas.GetAttributeAsync("data-imports"))!, System.Globalization.CultureInfo.InvariantCulture) + 1;
            await page.Locator(".designer-toolbar input[type=file]").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "application/xml", Buffer = content });
            await Assertions.Expect(canvas).ToHaveAttributeAsync("data-imports", done.ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 30_000 });
            var error = page.Locator("[data-testid=designer-message].notice--error");
            if (await error.CountAsync() > 0) return (await error.InnerTextAsync(), "", 0);
            var geometry = await page.EvaluateAsync<JsonElement>("""
                () => [...document.querySelectorAll('[data-testid=canvas] .djs-element[data-element-id]')]
                  .filter(n => !n.classList.contains('djs-root'))
                  .map(n => n.getAttribute('data-element-id') + '@' + (n.classList.contains('djs-connection')
                      ? (n.querySelector('.djs-visual path, .djs-visual polyline')?.getAttribute('d') ?? n.querySelector('polyline')?.getAttribute('points') ?? '')
                      : (n.getAttribute('transform') ?? '') + ':' + (n.querySelector('.djs-visual > *')?.getAttribute('width') ?? '')))
                  .sort()
                """);
            var items = geometry.EnumerateArray().Select(e => e.GetString()!).ToList();
            return (null, string.Join(" | ", items), items.Count);
        }
    }
}
