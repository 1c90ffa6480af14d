using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace WorkflowHost.Server.Tests.Infrastructure;

/// <summary>
/// A dossier's way through the REST API as the desk and the inbox take it — receive, read, find and work its open
/// steps — for every suite that follows a dossier (import with <c>using static</c>). Each step asserts the status a
/// successful call must have.
/// </summary>
public static class DossierSteps
{
    /// <summary>Receives a dossier at the desk (<c>POST /api/dossiers</c>, 201); returns the answer (code, instance, appointment, ...).</summary>
    public static async Task<JsonObject> ReceiveAsync(ApiClient client, object body)
    {
        var response = await client.Http.PostAsJsonAsync("/api/dossiers", body);
        await client.ExpectAsync(response, HttpStatusCode.Created, "POST /api/dossiers");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task<JsonObject> DossierAsync(ApiClient client, string code) => await client.GetAsync<JsonObject>($"/api/dossiers/{code}");

    /// <summary>The caller's inbox with <paramref name="query"/> (e.g. <c>q=CODE</c>, <c>scope=queue</c>).</summary>
    public static async Task<JsonArray> TasksAsync(ApiClient client, string query = "") => await client.GetAsync<JsonArray>($"/api/tasks?{query}");

    /// <summary>The dossier's open step <paramref name="elementId"/> as the caller's inbox lists it, or null when it does not.</summary>
    public static async Task<JsonObject?> FindTaskAsync(ApiClient client, string code, string elementId) =>
        (await TasksAsync(client, $"q={code}")).Select(t => t!.AsObject()).FirstOrDefault(t => t["elementId"]!.GetValue<string>() == elementId);

    /// <summary>
    /// Waits until the dossier's step <paramref name="elementId"/> is open in the caller's inbox (a step may open in a
    /// background job after the one before commits); fails after <paramref name="timeout"/> (20 s unless said).
    /// </summary>
    public static async Task<JsonObject> OpenTaskAsync(ApiClient client, string code, string elementId, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            if (await FindTaskAsync(client, code, elementId) is { } task) return task;
            if (DateTime.UtcNow > until) Assert.Fail($"No open task '{elementId}' of dossier {code} appeared in the inbox.");
            await Task.Delay(100);
        }
    }

    /// <summary>Claims the step and completes it with <paramref name="variables"/>, as the person who works it.</summary>
    public static async Task CompleteAsync(ApiClient client, JsonObject task, object variables)
    {
        var id = task["id"]!.GetValue<Guid>();
        await client.ExpectAsync(await client.Http.PostAsync($"/api/tasks/{id}/claim", null), HttpStatusCode.OK, "claim");
        await client.ExpectAsync(await client.Http.PostAsJsonAsync($"/api/tasks/{id}/complete", new { variables }), HttpStatusCode.OK, "complete");
    }
}
