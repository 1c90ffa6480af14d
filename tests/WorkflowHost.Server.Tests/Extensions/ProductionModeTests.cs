using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Data.Entities;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Tests.Infrastructure;

namespace WorkflowHost.Server.Tests.Extensions;

/// <summary>
/// A node started with ASPNETCORE_ENVIRONMENT=Production on the embedded SQLite file and no seeding setting — the
/// README's production example minus PostgreSQL: no demo accounts, and the full password policy.
/// </summary>
public sealed class ProductionModeTests(ProductionModeTests.ProductionSqliteFixture fixture) : IClassFixture<ProductionModeTests.ProductionSqliteFixture>
{
    public sealed class ProductionSqliteFixture : SqliteApiFixture
    {
        protected override WorkflowHostFactory CreateFactory(IReadOnlyDictionary<string, string?> settings, RecentLogs logs) =>
            new ProductionFactory(settings.Where(s => s.Key != "WorkflowHost:SeedDemoUsers").Append(new("WorkflowHost:FirstAdmin", FirstAdmin)).ToDictionary(), logs);
    }

    /// <summary>The README's way to the first admin of a production database.</summary>
    public const string FirstAdmin = "quan.tri";

    [Fact]
    public async Task FirstAdmin_IsCreatedWithATemporaryPasswordFromTheLog_AndMustChooseTheirOwnBeforeAdministeringUsers()
    {
        var line = fixture.Logs.Tail().Split(Environment.NewLine).Single(l => l.Contains($"First admin '{FirstAdmin}' created", StringComparison.Ordinal));
        var temporary = System.Text.RegularExpressions.Regex.Match(line, "temporary password (\\S+)").Groups[1].Value;
        using var client = fixture.Anonymous();
        var login = await client.Http.PostAsJsonAsync("/api/auth/login", new { userName = FirstAdmin, password = temporary });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync("/api/users")).StatusCode);
        // The production policy applies to the new password.
        Assert.Equal(HttpStatusCode.UnprocessableEntity,
            (await client.Http.PostAsJsonAsync("/api/me/password", new { currentPassword = temporary, newPassword = "short" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent,
            (await client.Http.PostAsJsonAsync("/api/me/password", new { currentPassword = temporary, newPassword = "Da-Nang-2025-admin" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/api/users")).StatusCode);
    }

    private sealed class ProductionFactory(IReadOnlyDictionary<string, string?> settings, RecentLogs logs) : WorkflowHostFactory(settings, logs)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("reception")]
    public async Task Login_Returns401_WhenDemoAccountTriedInProduction(string user)
    {
        using var client = fixture.Anonymous();
        var response = await client.Http.PostAsJsonAsync("/api/auth/login", new { userName = user, password = user });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(fixture.Factory.Services.GetRequiredService<StorageSettings>().SeedDemoUsers);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("short1A")]
    [InlineData("alllowercase123")]
    public async Task PasswordPolicy_RefusesWeakPasswords_OutsideDevelopment(string password)
    {
        using var scope = fixture.Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var result = await users.CreateAsync(new AppUser { UserName = $"clerk-{Guid.NewGuid():N}" }, password);
        Assert.False(result.Succeeded, $"'{password}' was accepted");
    }
}
