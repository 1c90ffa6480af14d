using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using WorkflowHost.Server.Tests.Infrastructure;

namespace WorkflowHost.Server.Tests.Specification;

/// <summary>The designer's API: validation without deploying, drafts, publishing with a change note, version history.</summary>
public abstract class DesignerApiTestBase<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    protected TFixture Fixture { get; } = fixture;

    private const string Wh = """ xmlns:wh="https://workflowhost.vn/schema/bpmn/1.0" """;

    private static StringContent Xml(string xml) => new(xml, Encoding.UTF8, "application/xml");

    /// <summary>start → appraise → XOR "approved?" with one conditioned flow and one bare flow (no default) → two ends.</summary>
    private static string GatewayWithBareFlow(string key) => Bpmn.Process(key, """
        <startEvent id="start"/>
        <sequenceFlow id="f1" sourceRef="start" targetRef="appraise"/>
        <userTask id="appraise" name="Appraise" camunda:candidateGroups="officer"/>
        <sequenceFlow id="f2" sourceRef="appraise" targetRef="approved"/>
        <exclusiveGateway id="approved"/>
        <sequenceFlow id="yes" sourceRef="approved" targetRef="done"><conditionExpression>${ok == true}</conditionExpression></sequenceFlow>
        <sequenceFlow id="no" sourceRef="approved" targetRef="refused"/>
        <endEvent id="done"/>
        <endEvent id="refused"/>
        """);

    /// <summary>Two budgeted steps in a row (plus a shorter branch) under the catalogue's land-registration key (10 working days).</summary>
    private static string LandRegistration(string first, string second) => Bpmn.Process("land-registration", $$"""
        <startEvent id="start"/>
        <sequenceFlow id="f1" sourceRef="start" targetRef="split"/>
        <exclusiveGateway id="split" default="long"/>
        <sequenceFlow id="long" sourceRef="split" targetRef="survey"/>
        <sequenceFlow id="short" sourceRef="split" targetRef="sign"><conditionExpression>${quick}</conditionExpression></sequenceFlow>
        <userTask id="survey" camunda:candidateGroups="officer" wh:stepBudget="{{first}}"/>
        <sequenceFlow id="f2" sourceRef="survey" targetRef="sign"/>
        <userTask id="sign" camunda:candidateGroups="leader" wh:stepBudget="{{second}}"/>
        <sequenceFlow id="f3" sourceRef="sign" targetRef="end"/>
        <endEvent id="end"/>
        """, extraRoot: "").Replace("<definitions ", "<definitions" + Wh, StringComparison.Ordinal);

    [Fact]
    public virtual async Task Validate_NamesTheGatewayFlowWithoutCondition_AndDeploysNothing()
    {
        var owner = await Fixture.AsAsync("owner");
        var key = Bpmn.NewKey("validate");

        var response = await owner.Http.PostAsync("/api/designer/validate", Xml(GatewayWithBareFlow(key)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var problem = Assert.Single(body["problems"]!.AsArray(), p => p!["severity"]!.GetValue<string>() == "error")!;
        Assert.Equal("no", problem["elementId"]!.GetValue<string>());
        Assert.Equal("sequenceFlow", problem["elementType"]!.GetValue<string>());
        Assert.False(body["canPublish"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Http.GetAsync($"/api/definitions/{key}/versions")).StatusCode);

        var fixedXml = GatewayWithBareFlow(key).Replace("""<exclusiveGateway id="approved"/>""", """<exclusiveGateway id="approved" default="no"/>""");
        var fixedBody = (await (await owner.Http.PostAsync("/api/designer/validate", Xml(fixedXml))).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(fixedBody["canPublish"]!.GetValue<bool>(), fixedBody.ToJsonString());
    }

    /// <summary>The process owner reads the engine's findings in the designer's language; other clients get English.</summary>
    [Fact]
    public virtual async Task Validate_WordsItsProblemsInVietnamese_WhenTheDesignerAsks()
    {
        var owner = await Fixture.AsAsync("owner");
        var key = Bpmn.NewKey("validate-vi");
        async Task<string> MessageAsync(string? language)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/designer/validate") { Content = Xml(GatewayWithBareFlow(key)) };
            if (language is not null) request.Headers.AcceptLanguage.ParseAdd(language);
            var response = await owner.Http.SendAsync(request);
            await owner.ExpectAsync(response, HttpStatusCode.OK, $"validate ({language ?? "no language"})");
            var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            return Assert.Single(body["problems"]!.AsArray(), p => p!["severity"]!.GetValue<string>() == "error")!["message"]!.GetValue<string>();
        }

        Assert.Equal("Luồng 'no' đi ra từ cổng rẽ nhánh 'approved' không có điều kiện và không phải luồng mặc định; hãy đặt điều kiện hoặc chọn làm luồng mặc định.",
            await MessageAsync("vi-VN,vi;q=0.9,en;q=0.5"));
        Assert.StartsWith("Sequence flow 'no' leaves exclusiveGateway 'approved' without a condition", await MessageAsync(null), StringComparison.Ordinal);
    }

    [Fact]
    public virtual async Task Validate_WarnsOnTheProcess_WhenTheLongestPathsBudgetsExceedTheStatutoryLimit()
    {
        var owner = await Fixture.AsAsync("owner");

        var over = (await (await owner.Http.PostAsync("/api/designer/validate", Xml(LandRegistration("P6D", "P5D")))).Content.ReadFromJsonAsync<JsonObject>())!;
        var fits = (await (await owner.Http.PostAsync("/api/designer/validate", Xml(LandRegistration("P3D", "PT4H")))).Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(88m, over["budget"]!["hours"]!.GetValue<decimal>());
        Assert.Equal(80m, over["budget"]!["limitHours"]!.GetValue<decimal>());
        Assert.Equal(["survey", "sign"], over["budget"]!["path"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.False(over["budget"]!["fits"]!.GetValue<bool>());
        var warning = Assert.Single(over["problems"]!.AsArray(), p => p!["elementId"]!.GetValue<string>() == "land-registration")!;
        Assert.Equal("warning", warning["severity"]!.GetValue<string>());
        Assert.Contains("88", warning["message"]!.GetValue<string>());
        Assert.True(over["canPublish"]!.GetValue<bool>(), "a budget warning must not block publishing");

        Assert.Equal(28m, fits["budget"]!["hours"]!.GetValue<decimal>());
        Assert.True(fits["budget"]!["fits"]!.GetValue<bool>());
        Assert.DoesNotContain(fits["problems"]!.AsArray(), p => p!["elementId"]?.GetValue<string>() == "land-registration");
    }

    [Fact]
    public virtual async Task Validate_Returns422NamingTheBody_WhenEmpty()
    {
        var owner = await Fixture.AsAsync("owner");
        var problem = await ApiClient.ProblemAsync(await owner.Http.PostAsync("/api/designer/validate", Xml("")), (HttpStatusCode)422);
        Assert.Contains(problem["errors"]!.AsArray(), e => e!["field"]?.GetValue<string>() == "body");
    }

    [Fact]
    public virtual async Task DraftAndPublish_AreRefusedWith403_ForStaff()
    {
        var officer = await Fixture.AsAsync("officer.hai-chau");
        var key = Bpmn.NewKey("staff");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.Http.PutAsync($"/api/designer/drafts/{key}", Xml(Bpmn.OneTask(key)))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.Http.PostAsync("/api/designer/validate", Xml(Bpmn.OneTask(key)))).StatusCode);
    }

    [Fact]
    public virtual async Task Publish_Returns422NamingTheFlow_AndKeepsTheDraft_WhileErrorsRemain()
    {
        var owner = await Fixture.AsAsync("owner");
        var key = Bpmn.NewKey("draft");
        var invalid = GatewayWithBareFlow(key);

        var saved = await owner.Http.PutAsync($"/api/designer/drafts/{key}", Xml(invalid));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var publish = await owner.Http.PostAsJsonAsync($"/api/designer/drafts/{key}/publish", new { changeNote = "First version" });

        var problem = await ApiClient.ProblemAsync(publish, (HttpStatusCode)422);
        Assert.Contains(problem["errors"]!.AsArray(), e => e!["elementId"]?.GetValue<string>() == "no");
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Http.GetAsync($"/api/definitions/{key}/versions")).StatusCode);
        var draft = await owner.GetAsync<JsonObject>($"/api/designer/drafts/{key}");
        Assert.Equal(invalid, draft["xml"]!.GetValue<string>());
        Assert.Equal("owner", draft["updatedBy"]!.GetValue<string>());
    }

    [Fact]
    public virtual async Task Publish_Returns422NamingChangeNote_WhenItIsEmpty()
    {
        var owner = await Fixture.AsAsync("owner");
        var key = Bpmn.NewKey("note");
        var problem = await ApiClient.ProblemAsync(
            await owner.Http.PostAsJsonAsync($"/api/designer/drafts/{key}/publish", new { xml = Bpmn.OneTask(key), changeNote = "  " }), (HttpStatusCode)422);
        Assert.Contains(problem["errors"]!.AsArray(), e => e!["field"]?.GetValue<string>() == "changeNote");
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Http.GetAsync($"/api/definitions/{key}/versions")).StatusCode);
    }

    [Fact]
    public virtual async Task Publish_RecordsWhoPublishedWhatWithTheChangeNote_AndRemovesTheDraft()
    {
        var owner = await Fixture.AsAsync("owner");
        var key = Bpmn.NewKey("history");
        await owner.Http.PutAsync($"/api/designer/drafts/{key}", Xml(Bpmn.OneTask(key)));
        var first = await owner.Http.PostAsJsonAsync($"/api/designer/drafts/{key}/publish", new { changeNote = "Reception step only" });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var second = await owner.Http.PostAsJsonAsync($"/api/designer/drafts/{key}/publish", new { xml = Bpmn.TwoTasks(key), changeNote = "Appraisal added" });
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        var history = await owner.GetAsync<JsonArray>($"/api/designer/definitions/{key}/history");
        Assert.Equal([2, 1], history.Select(h => h!["version"]!.GetValue<int>()));
        Assert.Equal(["published", "retired"], history.Select(h => h!["status"]!.GetValue<string>()));
        Assert.Equal(["Appraisal added", "Reception step only"], history.Select(h => h!["changeNote"]!.GetValue<string>()));
        Assert.All(history, h => Assert.Equal("owner", h!["publishedBy"]!.GetValue<string>()));
        Assert.All(history, h => Assert.NotNull(h!["publishedAt"]));
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Http.GetAsync($"/api/designer/drafts/{key}")).StatusCode);
    }

    [Fact]
    public virtual async Task Publish_LeavesOneDefaultVersion_WhenTwoClientsPublishV1AndV2AtOnce_AndEarlierInstancesStayOnTheirVersion()
    {
        // The race of publishing existing versions is SecurityApiTestBase.Publish_LeavesExactlyOnePublishedVersion_WhenPublishesOfOneKeyRace;
        // this one races two clients each deploying and publishing a new version through the designer.
        var owner = await Fixture.AsAsync("owner");
        var admin = await Fixture.AsAsync("admin");
        var key = Bpmn.NewKey("designer-race");
        var seed = await owner.Http.PostAsJsonAsync($"/api/designer/drafts/{key}/publish", new { xml = Bpmn.OneTask(key), changeNote = "v1" });
        Assert.Equal(HttpStatusCode.OK, seed.StatusCode);
        var onV1 = await admin.StartAsync(key);

        for (var round = 0; round < 4; round++)
        {
            var responses = await Task.WhenAll(
                owner.Http.PostAsJsonAsync($"/api/designer/drafts/{key}/publish", new { xml = Bpmn.OneTask(key), changeNote = $"round {round} by owner" }),
                admin.Http.PostAsJsonAsync($"/api/designer/drafts/{key}/publish", new { xml = Bpmn.TwoTasks(key), changeNote = $"round {round} by admin" }));
            foreach (var response in responses)
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict,
                    $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}{Environment.NewLine}{Fixture.Logs.Tail()}");
            // A 409 (the other client took the version number) changes nothing and asks to publish again; one must win.
            Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
            var history = await owner.GetAsync<JsonArray>($"/api/designer/definitions/{key}/history");
            var published = history.Where(h => h!["status"]!.GetValue<string>() == "published").ToList();
            Assert.True(published.Count == 1, $"Round {round}: published versions {string.Join(", ", published.Select(p => p!["version"]))}");
            Assert.Equal(history.Max(h => h!["version"]!.GetValue<int>()), published[0]!["version"]!.GetValue<int>());
        }

        var instance = await admin.InstanceAsync(onV1.Id);
        Assert.Equal(1, instance.Version);
        Assert.Equal(["Review dossier"], await admin.OpenTaskNamesAsync(onV1.Id));
        var started = await admin.StartAsync(key);
        Assert.NotEqual(1, (await admin.InstanceAsync(started.Id)).Version);
    }

    [Fact]
    public virtual async Task Task_ShowsTheFormJsSchemaEmbeddedByTheDesigner()
    {
        var owner = await Fixture.AsAsync("owner");
        var admin = await Fixture.AsAsync("admin");
        var key = Bpmn.NewKey("embedded-form");
        var schema = """{"type":"default","components":[{"id":"Field_1","key":"opinion","type":"textfield","label":"Ý kiến"}]}""";
        var xml = Bpmn.Process(key, $"""
            <startEvent id="start"/>
            <sequenceFlow id="f1" sourceRef="start" targetRef="appraise"/>
            <userTask id="appraise" name="Appraise" camunda:candidateGroups="officer"><extensionElements><wh:formSchema>{System.Security.SecurityElement.Escape(schema)}</wh:formSchema></extensionElements></userTask>
            <sequenceFlow id="f2" sourceRef="appraise" targetRef="end"/>
            <endEvent id="end"/>
            """).Replace("<definitions ", "<definitions" + Wh, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await owner.Http.PostAsJsonAsync($"/api/designer/drafts/{key}/publish", new { xml, changeNote = "Form" })).StatusCode);
        var started = await admin.StartAsync(key);

        var task = await admin.GetAsync<JsonObject>($"/api/tasks/{started.Tasks[0].Id}");

        Assert.Equal("formJs", task["form"]!["kind"]!.GetValue<string>());
        Assert.Equal("opinion", task["form"]!["schema"]!["components"]![0]!["key"]!.GetValue<string>());
    }

    [Fact]
    public virtual async Task Publish_Returns422NamingTheTask_WhenTheEmbeddedFormIsNotJson()
    {
        var owner = await Fixture.AsAsync("owner");
        var key = Bpmn.NewKey("bad-form");
        var xml = Bpmn.Process(key, """
            <startEvent id="start"/>
            <sequenceFlow id="f1" sourceRef="start" targetRef="appraise"/>
            <userTask id="appraise" camunda:candidateGroups="officer"><extensionElements><wh:formSchema>not json</wh:formSchema></extensionElements></userTask>
            <sequenceFlow id="f2" sourceRef="appraise" targetRef="end"/>
            <endEvent id="end"/>
            """).Replace("<definitions ", "<definitions" + Wh, StringComparison.Ordinal);
        var problem = await ApiClient.ProblemAsync(await owner.Http.PostAsJsonAsync($"/api/designer/drafts/{key}/publish", new { xml, changeNote = "x" }), (HttpStatusCode)422);
        Assert.Contains(problem["errors"]!.AsArray(), e => e!["elementId"]?.GetValue<string>() == "appraise");
    }
}
