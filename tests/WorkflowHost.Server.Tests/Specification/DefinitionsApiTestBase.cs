using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using WorkflowHost.Server.Tests.Infrastructure;

namespace WorkflowHost.Server.Tests.Specification;

/// <summary>Deploying, versioning, publishing and reading back procedure definitions.</summary>
public abstract class DefinitionsApiTestBase<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    protected TFixture Fixture { get; } = fixture;

    private Task<ApiClient> OwnerAsync() => Fixture.AsAsync("owner");

    [Fact]
    public virtual async Task Deploy_Returns201WithKeyVersionAndDraftStatus_WhenXmlPosted()
    {
        var owner = await OwnerAsync();
        var key = Bpmn.NewKey("deploy");
        var response = await owner.SendDeployAsync(Bpmn.OneTask(key));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/definitions/{key}/versions/1", response.Headers.Location?.OriginalString);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(key, body["key"]!.GetValue<string>());
        Assert.Equal(1, body["version"]!.GetValue<int>());
        Assert.Equal("draft", body["status"]!.GetValue<string>());
        Assert.Equal("API test procedure", body["name"]!.GetValue<string>());
    }

    [Fact]
    public virtual async Task Deploy_IncrementsVersion_WhenSameKeyDeployedAgain()
    {
        var owner = await OwnerAsync();
        var key = Bpmn.NewKey("versions");
        Assert.Equal(1, (await owner.DeployAsync(Bpmn.OneTask(key), publish: false)).Version);
        Assert.Equal(2, (await owner.DeployAsync(Bpmn.TwoTasks(key), publish: false)).Version);
        Assert.Equal(3, (await owner.DeployAsync(Bpmn.OneTask(key), publish: false)).Version);

        var versions = await owner.VersionsAsync(key);
        Assert.Equal([1, 2, 3], versions.Select(v => v.Version));
        Assert.All(versions, v => Assert.Equal("draft", v.Status));
    }

    [Fact]
    public virtual async Task Deploy_PublishesAndRetiresPrevious_WhenPublishTrue()
    {
        var owner = await OwnerAsync();
        var key = Bpmn.NewKey("publish");
        var first = await owner.DeployAsync(Bpmn.OneTask(key), publish: true);
        Assert.Equal("published", first.Status);
        Assert.NotNull(first.PublishedAt);

        var second = await owner.DeployAsync(Bpmn.TwoTasks(key), publish: true);
        Assert.Equal(2, second.Version);
        Assert.Equal("published", second.Status);

        var versions = await owner.VersionsAsync(key);
        Assert.Equal(["retired", "published"], versions.Select(v => v.Status));
        var listed = Assert.Single(await owner.GetAsync<List<DefinitionDto>>("/api/definitions"), d => d.Key == key);
        Assert.Equal(2, listed.Version);
    }

    [Fact]
    public virtual async Task Publish_MakesChosenVersionPublished_WhenDraftsExist()
    {
        var owner = await OwnerAsync();
        var key = Bpmn.NewKey("publish-later");
        await owner.DeployAsync(Bpmn.OneTask(key), publish: false);
        await owner.DeployAsync(Bpmn.TwoTasks(key), publish: false);

        // Nothing published yet: the list shows the latest draft, and the procedure cannot be started.
        var listed = Assert.Single(await owner.GetAsync<List<DefinitionDto>>("/api/definitions"), d => d.Key == key);
        Assert.Equal((2, "draft"), (listed.Version, listed.Status));
        var admin = await Fixture.AsAsync("admin");
        await ApiClient.ProblemAsync(await admin.SendStartAsync(key), HttpStatusCode.NotFound);

        var published = await owner.Http.PostAsync($"/api/definitions/{key}/publish?version=1", null);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal("published", (await published.Content.ReadFromJsonAsync<DefinitionDto>(ApiClient.Json))!.Status);

        listed = Assert.Single(await owner.GetAsync<List<DefinitionDto>>("/api/definitions"), d => d.Key == key);
        Assert.Equal((1, "published"), (listed.Version, listed.Status));
        var started = await admin.StartAsync(key);
        Assert.Equal(["review"], started.ActiveElementIds);
    }

    [Fact]
    public virtual async Task Deploy_Returns201_WhenUploadedAsMultipartFile()
    {
        var owner = await OwnerAsync();
        var key = Bpmn.NewKey("multipart");
        var xml = Bpmn.OneTask(key);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(xml));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        form.Add(file, "file", "procedure.bpmn");

        var response = await owner.Http.PostAsync("/api/definitions?publish=true", form);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<DefinitionDto>(ApiClient.Json))!;
        Assert.Equal((key, 1, "published"), (body.Key, body.Version, body.Status));
        Assert.Equal(xml, await owner.Http.GetStringAsync($"/api/definitions/{key}/versions/1"));
    }

    [Fact]
    public virtual async Task Deploy_Returns422_WhenMultipartHasNoFile()
    {
        var owner = await OwnerAsync();
        using var form = new MultipartFormDataContent { { new StringContent("not a file"), "comment" } };
        var problem = await ApiClient.ProblemAsync(await owner.Http.PostAsync("/api/definitions", form), (HttpStatusCode)422);
        Assert.Equal("file", Assert.Single(problem["errors"]!.AsArray())!["field"]!.GetValue<string>());
    }

    [Fact]
    public virtual async Task GetXml_ReturnsDeployedXmlVerbatim_WhenVersionExists()
    {
        var owner = await OwnerAsync();
        var key = Bpmn.NewKey("verbatim");
        // Comments, odd whitespace, attribute order and Vietnamese text must all come back byte for byte.
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- drawn in bpmn-js -->\r\n" +
                  Bpmn.OneTask(key, taskName: "Tiếp nhận hồ sơ   (reception)").Replace("<startEvent id=\"start\"/>", "<startEvent   id=\"start\" name=\"Nhận\" />\n\t");
        await owner.DeployAsync(xml, publish: false);

        var response = await owner.Http.GetAsync($"/api/definitions/{key}/versions/1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(xml, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public virtual async Task GetXml_Returns404Problem_WhenVersionUnknown()
    {
        var owner = await OwnerAsync();
        var key = Bpmn.NewKey("one-version");
        await owner.DeployAsync(Bpmn.OneTask(key), publish: false);
        var problem = await ApiClient.ProblemAsync(await owner.Http.GetAsync($"/api/definitions/{key}/versions/2"), HttpStatusCode.NotFound);
        Assert.Contains(key, problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public virtual async Task GetVersions_Returns404Problem_WhenKeyUnknown()
    {
        var owner = await OwnerAsync();
        var key = Bpmn.NewKey("never-deployed");
        var problem = await ApiClient.ProblemAsync(await owner.Http.GetAsync($"/api/definitions/{key}/versions"), HttpStatusCode.NotFound);
        Assert.Contains(key, problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public virtual async Task Deploy_Returns422NamingElementAndStoresNothing_WhenElementUnsupported()
    {
        var owner = await OwnerAsync();
        var key = Bpmn.NewKey("invalid");

        var problem = await ApiClient.ProblemAsync(await owner.SendDeployAsync(Bpmn.WithComplexGateway(key), publish: true), (HttpStatusCode)422);

        var error = Assert.Single(problem["errors"]!.AsArray(), e => e!["elementId"]?.GetValue<string>() == "cg")!;
        Assert.Equal("complexGateway", error["elementType"]!.GetValue<string>());
        Assert.Contains("not supported", error["message"]!.GetValue<string>());
        await ApiClient.ProblemAsync(await owner.Http.GetAsync($"/api/definitions/{key}/versions"), HttpStatusCode.NotFound);
        Assert.DoesNotContain(await owner.GetAsync<List<DefinitionDto>>("/api/definitions"), d => d.Key == key);
    }

    [Fact]
    public virtual async Task Deploy_Returns422AndKeepsVersions_WhenNewVersionInvalid()
    {
        var owner = await OwnerAsync();
        var key = Bpmn.NewKey("keeps-versions");
        await owner.DeployAsync(Bpmn.OneTask(key), publish: true);

        var problem = await ApiClient.ProblemAsync(await owner.SendDeployAsync(Bpmn.WithDanglingFlow(key), publish: true), (HttpStatusCode)422);

        var error = Assert.Single(problem["errors"]!.AsArray(), e => e!["elementId"]?.GetValue<string>() == "broken")!;
        Assert.Equal("sequenceFlow", error["elementType"]!.GetValue<string>());
        Assert.Contains("ghost", error["message"]!.GetValue<string>());
        var version = Assert.Single(await owner.VersionsAsync(key));
        Assert.Equal((1, "published"), (version.Version, version.Status));
    }

    [Fact]
    public virtual async Task Deploy_Returns422NamingBody_WhenBodyEmpty()
    {
        var owner = await OwnerAsync();
        var problem = await ApiClient.ProblemAsync(await owner.SendDeployAsync(""), (HttpStatusCode)422);
        Assert.Equal("body", Assert.Single(problem["errors"]!.AsArray())!["field"]!.GetValue<string>());
    }

    [Fact]
    public virtual async Task Deploy_Returns422WithoutReadingFiles_WhenXmlHasExternalEntity()
    {
        var owner = await OwnerAsync();
        var key = Bpmn.NewKey("xxe");
        var hostile = """<?xml version="1.0"?><!DOCTYPE definitions [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>""" +
                      Bpmn.OneTask(key, taskName: "&xxe;");

        var response = await owner.SendDeployAsync(hostile, publish: true);

        var problem = await ApiClient.ProblemAsync(response, (HttpStatusCode)422);
        Assert.NotEmpty(problem["errors"]!.AsArray());
        Assert.DoesNotContain("root:", problem.ToJsonString());
        await ApiClient.ProblemAsync(await owner.Http.GetAsync($"/api/definitions/{key}/versions"), HttpStatusCode.NotFound);
    }

    [Fact]
    public virtual async Task Deploy_Returns422_WhenBodyIsNotXml()
    {
        var owner = await OwnerAsync();
        var problem = await ApiClient.ProblemAsync(await owner.SendDeployAsync("{\"this\":\"is json\"}"), (HttpStatusCode)422);
        Assert.NotEmpty(problem["errors"]!.AsArray());
    }
}
