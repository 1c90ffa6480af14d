using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using WorkflowHost.Server.Tests.Infrastructure;
using static WorkflowHost.Server.Tests.Specification.DossiersApiTestBase<WorkflowHost.Server.Tests.Infrastructure.ApiFixture>;
using static WorkflowHost.Server.Tests.Infrastructure.DossierSteps;

namespace WorkflowHost.Server.Tests.Specification;

/// <summary>
/// User administration (staff rotate between wards after the 2025 reform): an admin creates, edits, resets and
/// deactivates accounts on the shipped units and marriage registration. The host runs with a one-hour session check
/// interval (<see cref="UsersSetup"/>), so a change that takes effect on the next request proves the
/// admin's change itself ended the sessions, not the periodic check.
/// </summary>
public abstract class UsersApiTestBase<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    protected TFixture Fixture { get; } = fixture;

    private const string StrongPassword = "Rotation2025x";

    private static string NewName(string prefix) => $"{prefix}.{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private async Task<JsonObject> CreateAsync(object body)
    {
        var admin = await Fixture.AsAsync("admin");
        var response = await admin.Http.PostAsJsonAsync("/api/users", body);
        await admin.ExpectAsync(response, HttpStatusCode.Created, "POST /api/users");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task<ApiClient> SignInAsync(string userName, string password)
    {
        var client = Fixture.Anonymous();
        var response = await client.Http.PostAsJsonAsync("/api/auth/login", new { userName, password });
        await client.ExpectAsync(response, HttpStatusCode.OK, $"sign-in of {userName}");
        return client;
    }

    private async Task<HttpStatusCode> LoginStatusAsync(string userName, string password)
    {
        using var client = Fixture.Anonymous();
        return (await client.Http.PostAsJsonAsync("/api/auth/login", new { userName, password })).StatusCode;
    }

    private async Task<List<JsonObject>> AuditAsync(string userName) =>
        (await (await Fixture.AsAsync("admin")).GetAsync<JsonArray>($"/api/users/{userName}/audit")).Select(a => a!.AsObject()).ToList();

    private static IEnumerable<string> Fields(JsonObject problem) => problem["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>());

    [Fact]
    public virtual async Task Create_AnswersATemporaryPassword_ThatAllowsNothingButChoosingAnOwnPassword()
    {
        var name = NewName("officer");
        var created = await CreateAsync(new { userName = name, displayName = "Trần Thị Luân Chuyển", email = "luan@example.vn", roles = new[] { "officer" }, units = new[] { ThanhKhe } });
        var temporary = created["temporaryPassword"]!.GetValue<string>();
        Assert.True(temporary.Length >= 10 && temporary.Any(char.IsDigit) && temporary.Any(char.IsUpper), temporary);
        Assert.True(created["user"]!["mustChangePassword"]!.GetValue<bool>());
        Assert.Equal("Thanh Khê", created["user"]!["units"]![0]!["name"]!.GetValue<string>());

        using var officer = await SignInAsync(name, temporary);
        Assert.True((await officer.GetAsync<JsonObject>("/api/auth/me"))["mustChangePassword"]!.GetValue<bool>());
        await ApiClient.ProblemAsync(await officer.Http.GetAsync("/api/tasks"), HttpStatusCode.Forbidden);

        var wrong = await ApiClient.ProblemAsync(await officer.Http.PostAsJsonAsync("/api/me/password", new { currentPassword = "guess", newPassword = StrongPassword }),
            HttpStatusCode.UnprocessableEntity);
        Assert.Contains("currentPassword", Fields(wrong));
        var same = await ApiClient.ProblemAsync(await officer.Http.PostAsJsonAsync("/api/me/password", new { currentPassword = temporary, newPassword = temporary }),
            HttpStatusCode.UnprocessableEntity);
        Assert.Contains("newPassword", Fields(same));
        await officer.ExpectAsync(await officer.Http.PostAsJsonAsync("/api/me/password", new { currentPassword = temporary, newPassword = StrongPassword }),
            HttpStatusCode.NoContent, "change own password");

        // The same browser session goes on with a renewed cookie; the temporary password is spent.
        Assert.Equal(HttpStatusCode.OK, (await officer.Http.GetAsync("/api/tasks")).StatusCode);
        Assert.False((await officer.GetAsync<JsonObject>("/api/auth/me"))["mustChangePassword"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginStatusAsync(name, temporary));
        Assert.Equal(HttpStatusCode.OK, await LoginStatusAsync(name, StrongPassword));
        Assert.Equal(["password-changed", "created"], (await AuditAsync(name)).Select(a => a["action"]!.GetValue<string>()));
    }

    [Fact]
    public virtual async Task CreatedOfficer_SeesThanhKhesQueue_AndNotHaiChaus()
    {
        var name = NewName("officer");
        await CreateAsync(new { userName = name, displayName = "Lê Văn Mới", roles = new[] { "officer" }, units = new[] { ThanhKhe }, password = StrongPassword });
        var thanhKhe = (await ReceiveAsync(await Fixture.AsAsync("reception.thanh-khe"), Receipt(ThanhKhe, "Phan Thị Thanh Khê")))["code"]!.GetValue<string>();
        var haiChau = (await ReceiveAsync(await Fixture.AsAsync("reception.hai-chau"), Receipt(HaiChau, "Võ Văn Hải Châu")))["code"]!.GetValue<string>();
        await OpenTaskAsync(await Fixture.AsAsync("officer.hai-chau"), haiChau, "appraise");

        using var officer = await SignInAsync(name, StrongPassword);
        var task = await OpenTaskAsync(officer, thanhKhe, "appraise");
        Assert.Equal(ThanhKhe, task["unitCode"]!.GetValue<string>());
        Assert.Empty(await TasksAsync(officer, $"q={haiChau}"));
        Assert.DoesNotContain(await TasksAsync(officer, "view=queue&limit=500"), t => t!["businessKey"]?.GetValue<string>() == haiChau);
        await ApiClient.ProblemAsync(await officer.Http.GetAsync($"/api/dossiers/{haiChau}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public virtual async Task Deactivate_RefusesTheExistingSessionOnItsNextRequest_AndReturnsItsStepToTheUnitsQueue()
    {
        var name = NewName("officer");
        await CreateAsync(new { userName = name, displayName = "Đặng Văn Nghỉ", roles = new[] { "officer" }, units = new[] { ThanhKhe }, password = StrongPassword });
        var code = (await ReceiveAsync(await Fixture.AsAsync("reception.thanh-khe"), Receipt(ThanhKhe, "Ngô Thị Chờ")))["code"]!.GetValue<string>();
        var officer = await SignInAsync(name, StrongPassword);
        var tokenResponse = await Fixture.Anonymous().Http.PostAsJsonAsync("/api/auth/token", new { userName = name, password = StrongPassword });
        using var machine = Fixture.Anonymous();
        ApiClient.UseBearer(machine.Http, (await tokenResponse.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>());
        var task = await OpenTaskAsync(officer, code, "appraise");
        await officer.ExpectAsync(await officer.Http.PostAsync($"/api/tasks/{task["id"]}/claim", null), HttpStatusCode.OK, "claim");
        // Both sessions have been checked and found valid (and, with the one-hour interval, remembered).
        Assert.Equal(HttpStatusCode.OK, (await officer.Http.GetAsync("/api/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await machine.Http.GetAsync("/api/tasks")).StatusCode);

        var admin = await Fixture.AsAsync("admin");
        var answer = await admin.GetAsync<JsonObject>("/api/users/" + name);
        Assert.True(answer["active"]!.GetValue<bool>());
        var deactivated = await admin.Http.PostAsync($"/api/users/{name}/deactivate", null);
        await admin.ExpectAsync(deactivated, HttpStatusCode.OK, "deactivate");
        Assert.Equal(1, (await deactivated.Content.ReadFromJsonAsync<JsonObject>())!["releasedTasks"]!.GetValue<int>());

        Assert.Equal(HttpStatusCode.Unauthorized, (await officer.Http.GetAsync("/api/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await machine.Http.GetAsync("/api/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginStatusAsync(name, StrongPassword));

        // The step is back in Thanh Khê's queue, unclaimed, for the ward's other officers; the slip says why.
        var colleague = await Fixture.AsAsync("officer.thanh-khe");
        var queued = (await TasksAsync(colleague, "view=queue&limit=500")).Single(t => t!["id"]!.GetValue<Guid>() == task["id"]!.GetValue<Guid>())!;
        Assert.Null(queued["assignee"]);
        var slip = (await DossierAsync(colleague, code))["slip"]!.AsArray();
        Assert.Contains(slip, row => row!["step"]!.GetValue<string>().StartsWith("Trả về hàng đợi", StringComparison.Ordinal) && row["fromUser"]?.GetValue<string>() == name);
        var audit = await AuditAsync(name);
        Assert.Equal("deactivated", audit[0]["action"]!.GetValue<string>());
        Assert.Equal("admin", audit[0]["actor"]!.GetValue<string>());
        Assert.Contains("1 bước đang mở", audit[0]["details"]!.GetValue<string>());

        await admin.ExpectAsync(await admin.Http.PostAsync($"/api/users/{name}/reactivate", null), HttpStatusCode.OK, "reactivate");
        Assert.Equal(HttpStatusCode.OK, await LoginStatusAsync(name, StrongPassword));
        officer.Dispose();
    }

    [Fact]
    public virtual async Task Deactivate_ClosesTheLiveNotificationConnection_AndItCannotReconnect()
    {
        var name = NewName("leader");
        await CreateAsync(new { userName = name, displayName = "Vũ Thị Trực Tuyến", roles = new[] { "leader" }, units = new[] { ThanhKhe }, password = StrongPassword });
        using var anonymous = Fixture.Anonymous();
        var token = await anonymous.Http.PostAsJsonAsync("/api/auth/token", new { userName = name, password = StrongPassword });
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        var server = Fixture.Factory.Server;
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "hubs/notifications"), o =>
            {
                // The test server has no sockets: long polling over its in-memory handler, the token in the header.
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                o.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
            })
            .Build();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await connection.StartAsync();
        Assert.Equal(HubConnectionState.Connected, connection.State);

        var admin = await Fixture.AsAsync("admin");
        await admin.ExpectAsync(await admin.Http.PostAsync($"/api/users/{name}/deactivate", null), HttpStatusCode.OK, "deactivate");

        Assert.Same(closed.Task, await Task.WhenAny(closed.Task, Task.Delay(TimeSpan.FromSeconds(15))));
        await Assert.ThrowsAnyAsync<Exception>(() => connection.StartAsync());
        Assert.NotEqual(HubConnectionState.Connected, connection.State);
    }

    [Fact]
    public virtual async Task LastActiveAdmin_CannotBeDeactivatedOrDemoted_AndNothingChanges()
    {
        var admin = await Fixture.AsAsync("admin");
        var before = await AuditAsync("admin");
        var deactivate = await ApiClient.ProblemAsync(await admin.Http.PostAsync("/api/users/admin/deactivate", null), HttpStatusCode.Conflict);
        Assert.Contains("last active admin", deactivate["detail"]!.GetValue<string>());
        await ApiClient.ProblemAsync(await admin.Http.PutAsJsonAsync("/api/users/admin", new { displayName = "Quản trị", roles = new[] { "process-owner" }, units = Array.Empty<string>() }),
            HttpStatusCode.Conflict);
        var still = await admin.GetAsync<JsonObject>("/api/users/admin");
        Assert.True(still["active"]!.GetValue<bool>());
        Assert.Contains("admin", still["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(before.Count, (await AuditAsync("admin")).Count);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/api/users")).StatusCode);

        // With a second admin, one of the two may go; the rule then protects the other.
        var second = NewName("admin");
        await CreateAsync(new { userName = second, displayName = "Quản trị hai", roles = new[] { "admin" }, password = StrongPassword });
        using var secondClient = await SignInAsync(second, StrongPassword);
        await secondClient.ExpectAsync(await secondClient.Http.PutAsJsonAsync($"/api/users/{second}", new { displayName = "Quản trị hai", roles = new[] { "manager" }, units = new[] { HaiChau } }),
            HttpStatusCode.OK, "demote the second admin");
        Assert.Equal(HttpStatusCode.Unauthorized, (await secondClient.Http.GetAsync("/api/users")).StatusCode);
        await ApiClient.ProblemAsync(await admin.Http.PostAsync("/api/users/admin/deactivate", null), HttpStatusCode.Conflict);
    }

    public static TheoryData<string, object> BadAccounts => new()
    {
        { "units", new { userName = "officer.bad-unit", displayName = "A", roles = new[] { "officer" }, units = new[] { "20233" } } },   // Thạch Thang, merged on 2025-07-01
        { "units", new { userName = "officer.no-unit", displayName = "A", roles = new[] { "officer" }, units = new[] { "99999" } } },
        { "units", new { userName = "officer.unitless", displayName = "A", roles = new[] { "officer" }, units = Array.Empty<string>() } },
        { "roles", new { userName = "officer.bad-role", displayName = "A", roles = new[] { "superuser" }, units = new[] { ThanhKhe } } },
        { "roles", new { userName = "officer.no-role", displayName = "A", roles = Array.Empty<string>(), units = new[] { ThanhKhe } } },
        { "email", new { userName = "officer.bad-mail", displayName = "A", email = "not-an-address", roles = new[] { "officer" }, units = new[] { ThanhKhe } } },
        { "userName", new { userName = "Officer Bad Name", displayName = "A", roles = new[] { "officer" }, units = new[] { ThanhKhe } } },
        { "displayName", new { userName = "officer.no-name", displayName = " ", roles = new[] { "officer" }, units = new[] { ThanhKhe } } },
        { "password", new { userName = "officer.weak", displayName = "A", roles = new[] { "officer" }, units = new[] { ThanhKhe }, password = "x" } },
    };

    [Theory]
    [MemberData(nameof(BadAccounts))]
    public virtual async Task Create_Answers422NamingTheField_AndCreatesNothing_WhenInputIsBad(string field, object body)
    {
        var admin = await Fixture.AsAsync("admin");
        var problem = await ApiClient.ProblemAsync(await admin.Http.PostAsJsonAsync("/api/users", body), HttpStatusCode.UnprocessableEntity);
        Assert.Contains(field, Fields(problem));
        var userName = System.Text.Json.JsonSerializer.SerializeToNode(body)!["userName"]!.GetValue<string>();
        await ApiClient.ProblemAsync(await admin.Http.GetAsync($"/api/users/{Uri.EscapeDataString(userName)}"), HttpStatusCode.NotFound);
        Assert.Equal(0, (await admin.GetAsync<JsonObject>($"/api/users?q={Uri.EscapeDataString(userName)}"))["total"]!.GetValue<int>());
    }

    [Fact]
    public virtual async Task Create_NamesTheFieldInVietnamese_WhenTheWebAppAsksInVietnamese()
    {
        var admin = await Fixture.AsAsync("admin");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/users")
        {
            Content = JsonContent.Create(new { userName = "officer.cu", displayName = "A", roles = new[] { "officer" }, units = new[] { "20233" }, password = "x" }),
        };
        request.Headers.AcceptLanguage.ParseAdd("vi");
        var problem = await ApiClient.ProblemAsync(await admin.Http.SendAsync(request), HttpStatusCode.UnprocessableEntity);
        var messages = problem["errors"]!.AsArray().ToDictionary(e => e!["field"]!.GetValue<string>(), e => e!["message"]!.GetValue<string>());
        Assert.Contains("Không có đơn vị mã '20233'", messages["units"]);
        Assert.StartsWith("Mật khẩu phải có ít nhất", messages["password"]);
    }

    [Fact]
    public virtual async Task Update_Answers422_AndChangesNothing_WhenAUnitIsNoLongerValid()
    {
        var name = NewName("leader");
        await CreateAsync(new { userName = name, displayName = "Bùi Văn Giữ", roles = new[] { "leader" }, units = new[] { HaiChau }, password = StrongPassword });
        var admin = await Fixture.AsAsync("admin");
        var problem = await ApiClient.ProblemAsync(await admin.Http.PutAsJsonAsync($"/api/users/{name}",
            new { displayName = "Bùi Văn Đổi", roles = new[] { "leader", "officer" }, units = new[] { "20233" } }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["units"], Fields(problem));
        var user = await admin.GetAsync<JsonObject>($"/api/users/{name}");
        Assert.Equal("Bùi Văn Giữ", user["displayName"]!.GetValue<string>());
        Assert.Equal(["leader"], user["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(["created"], (await AuditAsync(name)).Select(a => a["action"]!.GetValue<string>()));
        await ApiClient.ProblemAsync(await admin.Http.PutAsJsonAsync("/api/users/nobody.here", new { displayName = "X", roles = new[] { "officer" }, units = new[] { HaiChau } }),
            HttpStatusCode.NotFound);
    }

    [Fact]
    public virtual async Task Update_MovesAnOfficerToAnotherWard_EndsTheirSessions_AndIsAudited()
    {
        var name = NewName("officer");
        await CreateAsync(new { userName = name, displayName = "Hoàng Văn Chuyển", roles = new[] { "officer" }, units = new[] { HaiChau }, password = StrongPassword });
        using var session = await SignInAsync(name, StrongPassword);
        Assert.Equal(HttpStatusCode.OK, (await session.Http.GetAsync("/api/tasks")).StatusCode);

        var admin = await Fixture.AsAsync("admin");
        var updated = await admin.Http.PutAsJsonAsync($"/api/users/{name}",
            new { displayName = "Hoàng Văn Chuyển", email = "chuyen@example.vn", roles = new[] { "officer", "leader" }, units = new[] { ThanhKhe } });
        await admin.ExpectAsync(updated, HttpStatusCode.OK, "PUT user");
        var user = (await updated.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(["leader", "officer"], user["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(ThanhKhe, user["units"]![0]!["code"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.Unauthorized, (await session.Http.GetAsync("/api/tasks")).StatusCode);
        using var again = await SignInAsync(name, StrongPassword);
        var me = await again.GetAsync<JsonObject>("/api/auth/me");
        Assert.Equal(ThanhKhe, me["units"]![0]!["code"]!.GetValue<string>());

        var audit = await AuditAsync(name);
        Assert.Equal("updated", audit[0]["action"]!.GetValue<string>());
        Assert.Equal("admin", audit[0]["actor"]!.GetValue<string>());
        var details = audit[0]["details"]!.GetValue<string>();
        Assert.Contains($"đơn vị: {HaiChau} → {ThanhKhe}", details);
        Assert.Contains("vai trò: officer → leader, officer", details);
        Assert.Contains("e-mail: — → chuyen@example.vn", details);
    }

    [Fact]
    public virtual async Task ResetPassword_GivesATemporaryPasswordOnce_AndTheOldPasswordStopsWorking()
    {
        var name = NewName("reception");
        await CreateAsync(new { userName = name, displayName = "Lý Thị Quên", roles = new[] { "reception" }, units = new[] { HaiChau }, password = StrongPassword });
        using var session = await SignInAsync(name, StrongPassword);
        var admin = await Fixture.AsAsync("admin");
        var reset = await admin.Http.PostAsJsonAsync($"/api/users/{name}/password", new { });
        await admin.ExpectAsync(reset, HttpStatusCode.OK, "reset password");
        var temporary = (await reset.Content.ReadFromJsonAsync<JsonObject>())!["temporaryPassword"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.Unauthorized, (await session.Http.GetAsync("/api/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginStatusAsync(name, StrongPassword));
        using var fresh = await SignInAsync(name, temporary);
        Assert.True((await fresh.GetAsync<JsonObject>("/api/auth/me"))["mustChangePassword"]!.GetValue<bool>());
        // The answer of a later read never carries a password.
        Assert.DoesNotContain(temporary, await admin.Http.GetStringAsync($"/api/users/{name}"));
        Assert.DoesNotContain(temporary, await admin.Http.GetStringAsync($"/api/users/{name}/audit"));

        var weak = await ApiClient.ProblemAsync(await admin.Http.PostAsJsonAsync($"/api/users/{name}/password", new { password = "x" }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("password", Fields(weak));
        Assert.Equal(HttpStatusCode.OK, (await fresh.Http.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public virtual async Task List_FiltersByUnitRoleTextAndStatus_AndPages()
    {
        var admin = await Fixture.AsAsync("admin");
        var thanhKheOfficers = await admin.GetAsync<JsonObject>($"/api/users?unit={ThanhKhe}&role=officer&limit=500");
        var names = thanhKheOfficers["items"]!.AsArray().Select(u => u!["userName"]!.GetValue<string>()).ToList();
        Assert.Contains("officer.thanh-khe", names);
        Assert.DoesNotContain("officer.hai-chau", names);
        Assert.DoesNotContain("reception.thanh-khe", names);
        Assert.All(thanhKheOfficers["items"]!.AsArray(), u => Assert.Contains("officer", u!["roles"]!.AsArray().Select(r => r!.GetValue<string>())));

        var byText = await admin.GetAsync<JsonObject>("/api/users?q=reception.ngu");
        Assert.Equal("reception.ngu-hanh-son", Assert.Single(byText["items"]!.AsArray())!["userName"]!.GetValue<string>());

        var page = await admin.GetAsync<JsonObject>("/api/users?limit=2&offset=1");
        Assert.Equal(2, page["items"]!.AsArray().Count);
        Assert.True(page["total"]!.GetValue<int>() >= 14);

        var name = NewName("manager");
        await CreateAsync(new { userName = name, displayName = "Tạ Văn Tạm Nghỉ", roles = new[] { "manager" }, units = new[] { "20285" }, password = StrongPassword });
        await admin.ExpectAsync(await admin.Http.PostAsync($"/api/users/{name}/deactivate", null), HttpStatusCode.OK, "deactivate");
        var deactivated = await admin.GetAsync<JsonObject>("/api/users?status=deactivated&limit=500");
        Assert.Contains(deactivated["items"]!.AsArray(), u => u!["userName"]!.GetValue<string>() == name && !u["active"]!.GetValue<bool>());
        Assert.DoesNotContain((await admin.GetAsync<JsonObject>("/api/users?status=active&limit=500"))["items"]!.AsArray(), u => u!["userName"]!.GetValue<string>() == name);

        Assert.Contains("role", Fields(await ApiClient.ProblemAsync(await admin.Http.GetAsync("/api/users?role=king"), HttpStatusCode.UnprocessableEntity)));
        Assert.Contains("limit", Fields(await ApiClient.ProblemAsync(await admin.Http.GetAsync("/api/users?limit=0"), HttpStatusCode.UnprocessableEntity)));
    }

    [Fact]
    public virtual async Task Users_AreForAdminsOnly_OthersGet403ProblemAndChangeNothing()
    {
        var manager = await Fixture.AsAsync("manager.hai-chau");
        var response = await manager.Http.GetAsync("/api/users");
        await ApiClient.ProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await ApiClient.ProblemAsync(await manager.Http.PostAsJsonAsync("/api/users",
            new { userName = "officer.sneaky", displayName = "A", roles = new[] { "admin" }, password = StrongPassword }), HttpStatusCode.Forbidden);
        await ApiClient.ProblemAsync(await manager.Http.PostAsync("/api/users/officer.hai-chau/deactivate", null), HttpStatusCode.Forbidden);
        await ApiClient.ProblemAsync(await (await Fixture.AsAsync("owner")).Http.GetAsync("/api/users/admin/audit"), HttpStatusCode.Forbidden);
        await ApiClient.ProblemAsync(await Fixture.Anonymous().Http.GetAsync("/api/users"), HttpStatusCode.Unauthorized);

        var admin = await Fixture.AsAsync("admin");
        await ApiClient.ProblemAsync(await admin.Http.GetAsync("/api/users/officer.sneaky"), HttpStatusCode.NotFound);
        Assert.True((await admin.GetAsync<JsonObject>("/api/users/officer.hai-chau"))["active"]!.GetValue<bool>());
    }

    [Fact]
    public virtual async Task Create_Answers409_WhenTheUserNameIsTaken()
    {
        var admin = await Fixture.AsAsync("admin");
        var problem = await ApiClient.ProblemAsync(await admin.Http.PostAsJsonAsync("/api/users",
            new { userName = "officer.hai-chau", displayName = "Trùng tên", roles = new[] { "officer" }, units = new[] { ThanhKhe } }), HttpStatusCode.Conflict);
        Assert.Contains("officer.hai-chau", problem["detail"]!.GetValue<string>());
        var existing = await admin.GetAsync<JsonObject>("/api/users/officer.hai-chau");
        Assert.Equal(HaiChau, existing["units"]![0]!["code"]!.GetValue<string>());
    }
}

/// <summary>
/// The user-administration suite's host: the shipped procedures and units, and sessions rechecked against the account
/// only once an hour, so what ends a session at once is the admin's change itself.
/// </summary>
public sealed class UsersSetup : HostSetup
{
    public override bool ShippedProcedures => true;

    public override IReadOnlyDictionary<string, string?> Settings(IReadOnlyDictionary<string, string?> settings) =>
        new Dictionary<string, string?>(settings) { ["WorkflowHost:SecurityStampValidationInterval"] = "01:00:00" };
}
