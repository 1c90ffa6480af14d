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
            new ProductionFactory(settings.Where(s => s.Key != "WorkflowHost:SeedDemoUsers").ToDictionary(), logs);
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
