using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace WorkflowHost.BrowserTests;

/// <summary>
/// The process owner's screens in headless Chromium against the real server: the instance list and viewer (the
/// active task highlighted on the diagram) and the migration screen (element map, dry run, execution). Screenshots
/// of each land in docs/screenshots/ when the run sets WORKFLOWHOST_SCREENSHOTS to it.
/// </summary>
public sealed class InstanceViewerTests(BrowserServer fixture, ITestOutputHelper output) : BrowserTestBase(fixture, output)
{
    private static string Bpmn(string key, string body) => $"""
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
          xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
          xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="defs" targetNamespace="browser-tests">
          <process id="{key}" name="Cấp bản sao trích lục" isExecutable="true">{body}</process>
          <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="pl" bpmnElement="{key}">{Shapes(body)}</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
        </definitions>
        """;

    /// <summary>Lays the chain's nodes out left to right and draws each flow between them.</summary>
    private static string Shapes(string body)
    {
        var nodes = System.Text.RegularExpressions.Regex.Matches(body, "<(startEvent|userTask|endEvent) id=\"([^\"]+)\"").Select(m => (Kind: m.Groups[1].Value, Id: m.Groups[2].Value)).ToList();
        var x = new Dictionary<string, int>();
        var shapes = new System.Text.StringBuilder();
        var left = 60;
        foreach (var (kind, id) in nodes)
        {
            var (w, h) = kind == "userTask" ? (120, 80) : (36, 36);
            x[id] = left;
            shapes.Append($"""<bpmndi:BPMNShape id="{id}_di" bpmnElement="{id}"><dc:Bounds x="{left}" y="{140 - h / 2}" width="{w}" height="{h}"/></bpmndi:BPMNShape>""");
            left += w + 80;
        }
        foreach (System.Text.RegularExpressions.Match f in System.Text.RegularExpressions.Regex.Matches(body, "<sequenceFlow id=\"([^\"]+)\" sourceRef=\"([^\"]+)\" targetRef=\"([^\"]+)\""))
        {
            var (id, source, target) = (f.Groups[1].Value, f.Groups[2].Value, f.Groups[3].Value);
            var sourceRight = x[source] + (nodes.Single(n => n.Id == source).Kind == "userTask" ? 120 : 36);
            shapes.Append($"""<bpmndi:BPMNEdge id="{id}_di" bpmnElement="{id}"><di:waypoint x="{sourceRight}" y="140"/><di:waypoint x="{x[target]}" y="140"/></bpmndi:BPMNEdge>""");
        }
        return shapes.ToString();
    }

    private static string V1(string key) => Bpmn(key, """
        <startEvent id="start" name="Nhận yêu cầu"/>
        <sequenceFlow id="f1" sourceRef="start" targetRef="first"/>
        <userTask id="first" name="Tiếp nhận hồ sơ" camunda:candidateGroups="reception" camunda:candidateUsers="owner"/>
        <sequenceFlow id="f2" sourceRef="first" targetRef="second"/>
        <userTask id="second" name="Thẩm định" camunda:candidateGroups="officer"/>
        <sequenceFlow id="f3" sourceRef="second" targetRef="end"/>
        <endEvent id="end" name="Xong"/>
        """);

    private static string V2(string key) => Bpmn(key, """
        <startEvent id="start" name="Nhận yêu cầu"/>
        <sequenceFlow id="f1" sourceRef="start" targetRef="receive"/>
        <userTask id="receive" name="Tiếp nhận và kiểm tra" camunda:candidateGroups="reception"/>
        <sequenceFlow id="f2" sourceRef="receive" targetRef="end"/>
        <endEvent id="end" name="Xong"/>
        """);

    [Fact]
    public Task Owner_SeesActiveTaskHighlightedInViewer_AndRunsMigrationDryRunAndExecution() => RunAsync(async () =>
    {
        var key = $"trich-luc-{Guid.NewGuid():N}"[..20];
        // Every script of the session, from the first page on (the owner's start page may already load bpmn-js for the designer).
        var scripts = new List<string>();
        var page = await SignInAsync("owner", p => p.Request += (_, request) => { if (request.ResourceType == "script") scripts.Add(request.Url); });
        var api = page.Context.APIRequest;
        await PostAsync(api, "/api/definitions?publish=true", V1(key), "application/xml");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var started = await PostAsync(api, "/api/instances", JsonSerializer.Serialize(new { definitionKey = key, businessKey = $"TL-2026-000{i + 1}", variables = new { applicant = "Trần Thị Mai", copies = i + 1 } }));
            ids.Add(started.GetProperty("id").GetString()!);
            if (i == 0)
            {
                var task = started.GetProperty("tasks")[0].GetProperty("id").GetString();
                await PostAsync(api, $"/api/tasks/{task}/complete", "{}");
            }
        }
        await PostAsync(api, "/api/definitions?publish=true", V2(key), "application/xml");

        // The list, filtered to this procedure, then one instance in the viewer.
        await page.GotoAsync($"{Fixture.BaseUrl}/#/instances?definitionKey={key}");
        var table = page.GetByTestId("instance-table");
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(3);
        await ScreenshotAsync(page, "instances");
        await table.GetByRole(AriaRole.Link, new() { Name = "TL-2026-0002" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("diagram")).ToHaveAttributeAsync("data-state", "ready");
        var active = page.Locator(".djs-element.wh-active");
        await Assertions.Expect(active).ToHaveCountAsync(1);
        await Assertions.Expect(active).ToHaveAttributeAsync("data-element-id", "first");
        await Assertions.Expect(page.Locator(".djs-element.wh-visited[data-element-id='start']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("active-elements")).ToContainTextAsync("first");
        Assert.True(await LoadedAsync(page, scripts, BpmnJsMarker), "no script of a session that drew a diagram holds the marker, so the inbox check below proves nothing");
        await Assertions.Expect(page.GetByTestId("variables")).ToContainTextAsync("Trần Thị Mai");
        await Assertions.Expect(page.GetByTestId("history")).ToContainTextAsync("userTask");
        await ScreenshotAsync(page, "instance-viewer", fullPage: true);

        // Migration: the same-id defaults, "first" mapped by hand to "receive", the dry run, then execution.
        await page.GotoAsync($"{Fixture.BaseUrl}/#/migrations");
        await page.GetByLabel("Thủ tục", new() { Exact = true }).SelectOptionAsync(key);
        await Assertions.Expect(page.GetByLabel("Từ phiên bản", new() { Exact = true })).ToHaveValueAsync("1");
        await Assertions.Expect(page.GetByLabel("Sang phiên bản", new() { Exact = true })).ToHaveValueAsync("2");
        var map = page.GetByTestId("element-map");
        await Assertions.Expect(map.Locator("select[data-from='start']")).ToHaveValueAsync("start");
        await Assertions.Expect(map.Locator("select[data-from='first']")).ToHaveValueAsync("");
        await map.Locator("select[data-from='first']").SelectOptionAsync("receive");
        await page.GetByRole(AriaRole.Button, new() { Name = "Chạy thử" }).ClickAsync();
        var plan = page.GetByTestId("plan-table");
        await Assertions.Expect(plan.Locator("tr[data-can-migrate='true']")).ToHaveCountAsync(2);
        await Assertions.Expect(plan.Locator("tr[data-can-migrate='false']")).ToHaveCountAsync(1);
        await Assertions.Expect(plan.Locator("tr[data-can-migrate='false']")).ToContainTextAsync("'second' has no counterpart");
        await Assertions.Expect(plan.Locator("tr[data-can-migrate='true']").First).ToContainTextAsync("first → receive");
        await ScreenshotAsync(page, "migration-dry-run", fullPage: true);

        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Thực hiện (2)" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("progress")).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("progress")).ToContainTextAsync("2 đã chuyển, 1 không chuyển được");
        await ScreenshotAsync(page, "migration-progress");
        await page.GetByRole(AriaRole.Link, new() { Name = "Lần chuyển mới" }).ClickAsync();
        await page.GetByLabel("Thủ tục", new() { Exact = true }).SelectOptionAsync(key);
        await Assertions.Expect(page.GetByTestId("recent-migrations")).ToContainTextAsync("v1 → v2 · 3");

        // The moved instance now stands on v2's "receive" in the viewer.
        await page.GotoAsync($"{Fixture.BaseUrl}/#/instances/{ids[1]}");
        await Assertions.Expect(page.GetByTestId("diagram")).ToHaveAttributeAsync("data-state", "ready");
        await Assertions.Expect(page.Locator(".djs-element.wh-active")).ToHaveAttributeAsync("data-element-id", "receive");
        await page.Context.CloseAsync();
    });

    [Fact]
    public Task Manager_OpensDossierInstanceOfTheUnit_AndSeesActiveTaskAndDossierLink() => RunAsync(async () =>
    {
        // Reception at Hải Châu receives a marriage registration (the shipped procedure); its first step waits.
        var desk = await SignInAsync("reception.hai-chau");
        var received = await PostAsync(desk.Context.APIRequest, "/api/dossiers", JsonSerializer.Serialize(new
        {
            procedureCode = "1.000894", receivingUnit = "20242", channel = 1, decision = "accept",
            applicant = new { type = "citizen", name = "Lê Văn Hùng", idNumber = "048095007777", phone = "0905777777", email = "" },
            subject = new { unitCode = "20242", address = "", parcel = "" },
        }));
        var code = received.GetProperty("code").GetString()!;
        var instanceId = received.GetProperty("instanceId").GetString()!;
        await desk.Context.CloseAsync();

        var page = await SignInAsync("manager.hai-chau");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Tiến trình" })).ToBeVisibleAsync();
        await page.GotoAsync($"{Fixture.BaseUrl}/#/instances?unit=20242&businessKey={Uri.EscapeDataString(code)}");
        await page.GetByTestId("instance-table").GetByRole(AriaRole.Link, new() { Name = code }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"#/instances/{instanceId}$"));
        await Assertions.Expect(page.GetByTestId("diagram")).ToHaveAttributeAsync("data-state", "ready");
        var active = page.Locator(".djs-element.wh-active");
        await Assertions.Expect(active).ToHaveCountAsync(1);
        var activeId = await active.GetAttributeAsync("data-element-id");
        await Assertions.Expect(page.GetByTestId("active-elements")).ToContainTextAsync(activeId!);
        await ScreenshotAsync(page, "instance-viewer-dossier", fullPage: true);

        // A bad filter value is named next to its field, and nothing is listed.
        await page.GotoAsync($"{Fixture.BaseUrl}/#/instances?status=lost");
        await Assertions.Expect(page.Locator("#f-status-error")).ToBeVisibleAsync();

        await page.GotoAsync($"{Fixture.BaseUrl}/#/instances/{instanceId}");
        await page.GetByTestId("dossier-link").ClickAsync();
        await Assertions.Expect(page.GetByTestId("dossier-code")).ToHaveTextAsync(code);
        await page.Context.CloseAsync();
    });

    /// <summary>start → gateway "route" on <c>decision</c> (no default: an unset variable stops it) → "appraise" or end "refused".</summary>
    private static string Routed(string key) => $$"""
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
          xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
          xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="defs" targetNamespace="browser-tests">
          <process id="{{key}}" name="Xác nhận tình trạng hôn nhân" isExecutable="true">
            <startEvent id="start" name="Nhận yêu cầu"/>
            <sequenceFlow id="f1" sourceRef="start" targetRef="route"/>
            <exclusiveGateway id="route" name="Đủ điều kiện?"/>
            <sequenceFlow id="toAppraise" sourceRef="route" targetRef="appraise"><conditionExpression>${decision == 'accept'}</conditionExpression></sequenceFlow>
            <sequenceFlow id="toRefused" sourceRef="route" targetRef="refused"><conditionExpression>${decision == 'refuse'}</conditionExpression></sequenceFlow>
            <userTask id="appraise" name="Thẩm định" camunda:candidateGroups="officer" camunda:candidateUsers="owner"/>
            <sequenceFlow id="f2" sourceRef="appraise" targetRef="done"/>
            <endEvent id="done" name="Xong"/>
            <endEvent id="refused" name="Từ chối"/>
          </process>
          <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="pl" bpmnElement="{{key}}">
            <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="60" y="122" width="36" height="36"/></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="route_di" bpmnElement="route" isMarkerVisible="true"><dc:Bounds x="160" y="115" width="50" height="50"/></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="appraise_di" bpmnElement="appraise"><dc:Bounds x="280" y="100" width="120" height="80"/></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="done_di" bpmnElement="done"><dc:Bounds x="470" y="122" width="36" height="36"/></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="refused_di" bpmnElement="refused"><dc:Bounds x="167" y="240" width="36" height="36"/></bpmndi:BPMNShape>
            <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="96" y="140"/><di:waypoint x="160" y="140"/></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="toAppraise_di" bpmnElement="toAppraise"><di:waypoint x="210" y="140"/><di:waypoint x="280" y="140"/></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="toRefused_di" bpmnElement="toRefused"><di:waypoint x="185" y="165"/><di:waypoint x="185" y="240"/></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="400" y="140"/><di:waypoint x="470" y="140"/></bpmndi:BPMNEdge>
          </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
        </definitions>
        """;

    [Fact]
    public Task Owner_RetriesIncidentWithVariables_FromTheViewer() => RunAsync(async () =>
    {
        var key = $"xac-nhan-{Guid.NewGuid():N}"[..20];
        var page = await SignInAsync("owner");
        await PostAsync(page.Context.APIRequest, "/api/definitions?publish=true", Routed(key), "application/xml");
        var started = await PostAsync(page.Context.APIRequest, "/api/instances", JsonSerializer.Serialize(new { definitionKey = key, businessKey = "XN-2026-0001" }));
        var id = started.GetProperty("id").GetString()!;

        // The incident list names it; the viewer shows it on the gateway with its message.
        await page.GotoAsync($"{Fixture.BaseUrl}/#/instances/incidents?definitionKey={key}");
        var incidentRow = page.GetByTestId("incident-table").Locator("tbody tr");
        await Assertions.Expect(incidentRow).ToHaveCountAsync(1);
        await Assertions.Expect(incidentRow).ToContainTextAsync("route");
        await ScreenshotAsync(page, "instances-incidents");
        await incidentRow.GetByRole(AriaRole.Link, new() { Name = "XN-2026-0001" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("diagram")).ToHaveAttributeAsync("data-state", "ready");
        await Assertions.Expect(page.Locator(".djs-element.wh-incident")).ToHaveAttributeAsync("data-element-id", "route");
        var incidents = page.GetByTestId("incidents");
        await Assertions.Expect(incidents).ToContainTextAsync("decision");
        await ScreenshotAsync(page, "instance-viewer-incident", fullPage: true);

        // Not JSON: refused next to the field, nothing sent.
        var variables = incidents.GetByLabel("Biến cần gán trước khi chạy lại (JSON, không bắt buộc)");
        await variables.FillAsync("decision = accept");
        await incidents.GetByRole(AriaRole.Button, new() { Name = "Chạy lại" }).ClickAsync();
        await Assertions.Expect(incidents.Locator(".field-error")).ToBeVisibleAsync();

        await variables.FillAsync("""{"decision": "accept"}""");
        await incidents.GetByRole(AriaRole.Button, new() { Name = "Chạy lại" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice--success")).ToContainTextAsync("route");
        await Assertions.Expect(page.Locator(".djs-element.wh-active")).ToHaveAttributeAsync("data-element-id", "appraise");
        await Assertions.Expect(page.GetByTestId("incidents")).ToContainTextAsync("Không có sự cố đang mở.");
        await Assertions.Expect(page.GetByTestId("variables")).ToContainTextAsync("accept");
        await page.Context.CloseAsync();
    });

    [Fact]
    public Task Viewer_IsNotDownloaded_ByTheInbox() => RunAsync(async () =>
    {
        var scripts = new List<string>();
        var page = await SignInAsync("reception.hai-chau", p => p.Request += (_, request) => { if (request.ResourceType == "script") scripts.Add(request.Url); });
        await page.GotoAsync($"{Fixture.BaseUrl}/#/inbox");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.NotEmpty(scripts);
        Assert.False(await LoadedAsync(page, scripts, BpmnJsMarker), "the inbox downloaded bpmn-js");
        await page.Context.CloseAsync();
    });

    /// <summary>A class name diagram-js writes from its code: present in the bpmn-js chunk, absent from the app's main bundle.</summary>
    private const string BpmnJsMarker = "djs-container";

    private static async Task<bool> LoadedAsync(IPage page, IEnumerable<string> scripts, string marker)
    {
        foreach (var url in scripts.Distinct())
            if ((await (await page.Context.APIRequest.GetAsync(url)).TextAsync()).Contains(marker, StringComparison.Ordinal)) return true;
        return false;
    }

    private async Task<JsonElement> PostAsync(IAPIRequestContext api, string path, string body, string contentType = "application/json")
    {
        var response = await api.PostAsync(Fixture.BaseUrl + path, new APIRequestContextOptions { Data = body, Headers = new Dictionary<string, string> { ["Content-Type"] = contentType } });
        var text = await response.TextAsync();
        Assert.True(response.Ok, $"POST {path}: {response.Status} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
