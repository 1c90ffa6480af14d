using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace WorkflowHost.BrowserTests;

/// <summary>
/// What a browser test sets up beside the screen it tests, straight through the server's API or its SQLite file: a
/// dossier received (the desk screen has its own test) or a step's deadline reached without waiting for it.
/// </summary>
public static class ServerShortcuts
{
    /// <summary>Receives a marriage registration (procedure 1.000894) at <paramref name="unit"/>'s desk as <paramref name="user"/>; returns its code.</summary>
    public static async Task<string> ReceiveMarriageRegistrationAsync(this BrowserServer server, string user, string unit, string applicant, string idNumber)
    {
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = server.Server.BaseAddress };
        (await client.PostAsJsonAsync("/api/auth/login", new { userName = user, password = user })).EnsureSuccessStatusCode();
        var response = await client.PostAsJsonAsync("/api/dossiers", new
        {
            procedureCode = "1.000894", receivingUnit = unit, channel = 1,
            applicant = new { type = "citizen", name = applicant, idNumber }, subject = new { unitCode = unit },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>();
    }

    /// <summary>
    /// Moves the dossier's pending at-due reminder to now, as if its step's due instant had come: the reminder row is
    /// what the server acts on (its horizon job schedules it, Hangfire fires it).
    /// </summary>
    public static async Task BringAtDueReminderForwardAsync(this BrowserServer server, string code)
    {
        // The server's own encoding of an instant in SQLite.
        var now = (long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(DateTimeOffset.UtcNow)!;
        await using var connection = new SqliteConnection($"Data Source={server.DatabaseFile};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE reminders SET "FireAt" = $now
            WHERE "Kind" = 'at-due' AND "Status" = 'pending' AND "DossierId" = (SELECT "Id" FROM dossiers WHERE "Code" = $code)
            """;
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$code", code);
        for (var attempt = 0; ; attempt++)
        {
            if (await command.ExecuteNonQueryAsync() == 1) return;
            if (attempt == 50)
            {
                Assert.Fail($"No pending at-due reminder of {code} to bring forward; reminders: [{string.Join(", ", await RemindersAsync(connection))}].");
            }
            await Task.Delay(200); // the appraisal step opens as the receipt commits
        }
    }

    /// <summary>Every reminder as kind/status/dossier, for the failure message.</summary>
    private static async Task<List<string>> RemindersAsync(SqliteConnection connection)
    {
        await using var all = connection.CreateCommand();
        all.CommandText = """SELECT r."Kind", r."Status", d."Code" FROM reminders r LEFT JOIN dossiers d ON d."Id" = r."DossierId" """;
        var rows = new List<string>();
        await using var reader = await all.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add($"{reader.GetString(0)}/{reader.GetString(1)}/{(reader.IsDBNull(2) ? "-" : reader.GetString(2))}");
        return rows;
    }
}
