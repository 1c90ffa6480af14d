using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowHost.Server.Tests.Infrastructure;

// What a caller of the REST API reads back, as plain records: the tests check the JSON names a client sees,
// not the server's own types.
public sealed record DefinitionDto(string Key, int Version, string? Name, string Status, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt);

public sealed record StartedDto(Guid Id, string Status, List<string> ActiveElementIds, List<TaskDto> Tasks);

public sealed record CompletionDto(Guid TaskId, Guid InstanceId, string InstanceStatus, List<string> ActiveElementIds, List<TaskDto> NextTasks);

public sealed record HistoryDto(string ElementId, string ElementType, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, bool Cancelled);

public sealed record IncidentDto(Guid Id, Guid InstanceId, string ElementId, string Message, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt);

public sealed record InstanceDto(Guid Id, string DefinitionKey, int Version, string? BusinessKey, string Status, JsonObject Variables,
    List<string> ActiveElementIds, List<IncidentDto> Incidents, List<HistoryDto> History, DateTimeOffset StartedAt, DateTimeOffset? EndedAt)
{
    /// <summary>How often <paramref name="elementId"/> finished normally (not cancelled).</summary>
    public int Completed(string elementId) => History.Count(h => h.ElementId == elementId && h.EndedAt is not null && !h.Cancelled);

    /// <summary>How often <paramref name="elementId"/> was cancelled (interrupted, withdrawn, terminated).</summary>
    public int Cancelled(string elementId) => History.Count(h => h.ElementId == elementId && h.Cancelled);

    public int Started(string elementId) => History.Count(h => h.ElementId == elementId);

    public string Describe() =>
        $"status={Status} active=[{string.Join(", ", ActiveElementIds)}] variables={Variables.ToJsonString()} " +
        $"incidents=[{string.Join("; ", Incidents.Select(i => $"{i.ElementId}: {i.Message}"))}] " +
        $"history=[{string.Join(", ", History.Select(h => h.ElementId + (h.Cancelled ? "(x)" : h.EndedAt is null ? "(…)" : "")))}]";
}

public sealed record InstanceSummaryDto(Guid Id, string DefinitionKey, int Version, string? BusinessKey, string Status, DateTimeOffset StartedAt, DateTimeOffset? EndedAt);

public sealed record TaskDto(Guid Id, Guid InstanceId, string ElementId, string? Name, List<string> CandidateGroups, List<string> CandidateUsers,
    string? Assignee, DateTimeOffset? DueAt, string State, string? FormKey, DateTimeOffset CreatedAt, string? BusinessKey, string DefinitionKey);

public sealed record MessageResultDto(int Matched, List<Guid> StartedInstanceIds);

/// <summary>
/// A signed-in (or anonymous) caller of the REST API. The <c>...Async</c> helpers assert the status a successful call
/// must have and return the body; the <c>Send...</c>/<c>Http</c> paths return the raw response for tests of failures.
/// </summary>
public sealed class ApiClient(HttpClient http, ApiFixture fixture) : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public HttpClient Http { get; } = http;

    public void Dispose() => Http.Dispose();

    // ------------------------------------------------------------------ definitions

    public Task<HttpResponseMessage> SendDeployAsync(string xml, bool publish = false)
    {
        var content = new StringContent(xml, Encoding.UTF8, "application/xml");
        return Http.PostAsync(publish ? "/api/definitions?publish=true" : "/api/definitions", content);
    }

    public async Task<DefinitionDto> DeployAsync(string xml, bool publish = true)
    {
        var response = await SendDeployAsync(xml, publish);
        await ExpectAsync(response, HttpStatusCode.Created, "deploy");
        return (await response.Content.ReadFromJsonAsync<DefinitionDto>(Json))!;
    }

    public async Task<List<DefinitionDto>> VersionsAsync(string key) =>
        await GetAsync<List<DefinitionDto>>($"/api/definitions/{Uri.EscapeDataString(key)}/versions");

    // ------------------------------------------------------------------ instances

    public Task<HttpResponseMessage> SendStartAsync(string key, string? businessKey = null, object? variables = null, int? version = null) =>
        Http.PostAsJsonAsync("/api/instances", new { definitionKey = key, businessKey, variables, version }, Json);

    public async Task<StartedDto> StartAsync(string key, string? businessKey = null, object? variables = null, int? version = null)
    {
        var response = await SendStartAsync(key, businessKey, variables, version);
        await ExpectAsync(response, HttpStatusCode.Created, $"start '{key}'");
        return (await response.Content.ReadFromJsonAsync<StartedDto>(Json))!;
    }

    public Task<InstanceDto> InstanceAsync(Guid id) => GetAsync<InstanceDto>($"/api/instances/{id}");

    /// <summary>Polls the instance until <paramref name="condition"/> holds; fails after <paramref name="timeout"/> with the last state and the host's warnings.</summary>
    public async Task<InstanceDto> WaitForInstanceAsync(Guid id, Func<InstanceDto, bool> condition, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var instance = await InstanceAsync(id);
            if (condition(instance)) return instance;
            if (watch.Elapsed > timeout)
                Assert.Fail($"[{fixture.Provider}] Timed out after {timeout.TotalSeconds:0.#} s waiting for {what}. Last seen: {instance.Describe()}{Environment.NewLine}Host log:{Environment.NewLine}{fixture.Logs.Tail()}");
            await Task.Delay(100);
        }
    }

    public Task<InstanceDto> WaitForStatusAsync(Guid id, string status, TimeSpan? timeout = null) =>
        WaitForInstanceAsync(id, i => i.Status == status, timeout ?? TimeSpan.FromSeconds(15), $"status '{status}'");

    // ------------------------------------------------------------------ tasks

    public async Task<List<TaskDto>> TasksAsync(Guid? instanceId = null, string? state = null)
    {
        var query = new List<string>();
        if (instanceId is { } id) query.Add($"instanceId={id}");
        if (state is not null) query.Add($"state={state}");
        return await GetAsync<List<TaskDto>>("/api/tasks" + (query.Count > 0 ? "?" + string.Join('&', query) : ""));
    }

    /// <summary>Names (else element ids) of the instance's open tasks, sorted.</summary>
    public async Task<List<string>> OpenTaskNamesAsync(Guid instanceId) =>
        (await TasksAsync(instanceId)).Select(t => t.Name ?? t.ElementId).Order(StringComparer.Ordinal).ToList();

    public async Task<TaskDto> OpenTaskAsync(Guid instanceId, string nameOrElementId)
    {
        var tasks = await TasksAsync(instanceId);
        return tasks.SingleOrDefault(t => t.Name == nameOrElementId || t.ElementId == nameOrElementId)
            ?? throw new Xunit.Sdk.XunitException($"[{fixture.Provider}] Task '{nameOrElementId}' is not open; open: [{string.Join(", ", tasks.Select(t => t.Name ?? t.ElementId))}]");
    }

    public Task<HttpResponseMessage> SendCompleteAsync(Guid taskId, object? variables = null) =>
        Http.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { variables }, Json);

    public async Task<CompletionDto> CompleteAsync(Guid taskId, object? variables = null)
    {
        var response = await SendCompleteAsync(taskId, variables);
        await ExpectAsync(response, HttpStatusCode.OK, $"complete task {taskId}");
        return (await response.Content.ReadFromJsonAsync<CompletionDto>(Json))!;
    }

    /// <summary>Completes the instance's open task with that name (or element id).</summary>
    public async Task<CompletionDto> CompleteAsync(Guid instanceId, string nameOrElementId, object? variables = null) =>
        await CompleteAsync((await OpenTaskAsync(instanceId, nameOrElementId)).Id, variables);

    // ------------------------------------------------------------------ messages

    public Task<HttpResponseMessage> SendMessageAsync(string name, string? correlationKey, object? variables = null) =>
        Http.PostAsJsonAsync("/api/messages", new { name, correlationKey, variables }, Json);

    public async Task<MessageResultDto> CorrelateAsync(string name, string? correlationKey, object? variables = null)
    {
        var response = await SendMessageAsync(name, correlationKey, variables);
        await ExpectAsync(response, HttpStatusCode.OK, $"message '{name}'");
        return (await response.Content.ReadFromJsonAsync<MessageResultDto>(Json))!;
    }

    // ------------------------------------------------------------------ incidents

    public Task<List<IncidentDto>> IncidentsAsync(Guid instanceId, bool includeResolved = false) =>
        GetAsync<List<IncidentDto>>($"/api/incidents?instanceId={instanceId}&includeResolved={(includeResolved ? "true" : "false")}");

    // ------------------------------------------------------------------ plumbing

    public async Task<T> GetAsync<T>(string path)
    {
        var response = await Http.GetAsync(path);
        await ExpectAsync(response, HttpStatusCode.OK, "GET " + path);
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    public async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        if (response.StatusCode == expected) return;
        var body = await response.Content.ReadAsStringAsync();
        Assert.Fail($"[{fixture.Provider}] {what}: expected {(int)expected} {expected}, got {(int)response.StatusCode} {response.StatusCode}: {body}{Environment.NewLine}Host log:{Environment.NewLine}{fixture.Logs.Tail()}");
    }

    /// <summary>Asserts an RFC 7807 answer with that status and returns its body.</summary>
    public static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} {expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!.AsObject();
        Assert.Equal((int)expected, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()), "A problem has a title.");
        return problem;
    }

    /// <summary>Makes <paramref name="client"/> send a bearer token on every request.</summary>
    public static void UseBearer(HttpClient client, string token) =>
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
}
