using Microsoft.Extensions.Configuration;
using Npgsql;
using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Tests.Extensions;

/// <summary>What a node makes of <c>ConnectionStrings:Workflow</c>: the provider, and the defaults it adds on PostgreSQL.</summary>
public sealed class StorageSettingsTests
{
    private static StorageSettings From(string? connectionString, bool isDevelopment = true, bool? seed = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Workflow"] = connectionString })
            .Build();
        var options = new WorkflowHostOptions { DataDirectory = Path.Combine(Path.GetTempPath(), "wfh-storage-settings-" + Guid.NewGuid().ToString("N")), SeedDemoUsers = seed };
        return StorageSettings.From(configuration, options, Path.GetTempPath(), isDevelopment);
    }

    [Theory]
    [InlineData(null, false, null, false)]                       // Production on SQLite: the review's hole
    [InlineData("Host=db;Database=w", false, null, false)]
    [InlineData("Host=db;Database=w", true, null, false)]         // PostgreSQL in Development still needs asking
    [InlineData(null, true, null, true)]                          // `dotnet run`: the embedded demo
    [InlineData(null, false, true, true)]                         // explicitly asked for
    [InlineData(null, true, false, false)]
    public void SeedDemoUsers_OnlyInDevelopmentOnSqlite_OrWhenExplicitlyAsked(string? connectionString, bool isDevelopment, bool? seed, bool expected)
    {
        var storage = From(connectionString, isDevelopment, seed);
        Assert.Equal(expected, storage.SeedDemoUsers);
        if (!storage.IsPostgres) Directory.Delete(Path.GetDirectoryName(storage.ConnectionString["Data Source=".Length..storage.ConnectionString.IndexOf(';')])!, recursive: true);
    }

    [Fact]
    public void Postgres_GetsBoundedPoolPreparedStatementsAndApplicationName_WhenTheConnectionStringLeavesThemOut()
    {
        var storage = From("Host=db.example;Database=workflowhost;Username=wfh");

        Assert.True(storage.IsPostgres);
        var api = new NpgsqlConnectionStringBuilder(storage.ConnectionString);
        Assert.Equal(Math.Max(4, 2 * Environment.ProcessorCount), api.MaxPoolSize);
        Assert.Equal(50, api.MaxAutoPrepare);
        Assert.True(api.NoResetOnClose);
        Assert.Equal("WorkflowHost", api.ApplicationName);
        Assert.Equal("db.example", api.Host);
    }

    [Fact]
    public void Postgres_GivesHangfireAPoolOfItsOwn_WithTheSameServerAndSettingsButNotTheRequestBound()
    {
        var storage = From("Host=db.example;Database=workflowhost;Username=wfh;Password=secret");

        Assert.NotEqual(storage.ConnectionString, storage.JobsConnectionString);
        var api = new NpgsqlConnectionStringBuilder(storage.ConnectionString);
        var jobs = new NpgsqlConnectionStringBuilder(storage.JobsConnectionString);
        Assert.Equal("WorkflowHost jobs", jobs.ApplicationName);
        Assert.Equal(new NpgsqlConnectionStringBuilder().MaxPoolSize, jobs.MaxPoolSize);
        jobs.ApplicationName = api.ApplicationName;
        jobs.MaxPoolSize = api.MaxPoolSize;
        Assert.True(api.EquivalentTo(jobs), $"Only the application name should differ: {storage.ConnectionString} vs {storage.JobsConnectionString}");
    }

    [Theory]
    [InlineData("Host=db;MaxPoolSize=7;Application Name=ward-a;Max Auto Prepare=0;No Reset On Close=false")]
    [InlineData("Host=db;Maximum Pool Size=7;ApplicationName=ward-a;MaxAutoPrepare=0;NoResetOnClose=false")]
    [InlineData("host=db;maximum pool size=7;applicationname=ward-a;max auto prepare=0;noresetonclose=false")]
    public void Postgres_KeepsEverySettingTheConnectionStringWrites_WhateverItsSpelling(string connectionString)
    {
        var storage = From(connectionString);

        var api = new NpgsqlConnectionStringBuilder(storage.ConnectionString);
        Assert.Equal(7, api.MaxPoolSize);
        Assert.Equal("ward-a", api.ApplicationName);
        Assert.Equal(0, api.MaxAutoPrepare);
        Assert.False(api.NoResetOnClose);
        var jobs = new NpgsqlConnectionStringBuilder(storage.JobsConnectionString);
        Assert.Equal("ward-a jobs", jobs.ApplicationName);
        Assert.Equal(7, jobs.MaxPoolSize);
    }

    [Fact]
    public void NoConnectionString_MeansTheEmbeddedSqliteFileForBothEfCoreAndJobs()
    {
        var storage = From(null);

        Assert.False(storage.IsPostgres);
        Assert.StartsWith("Data Source=", storage.ConnectionString);
        Assert.EndsWith("workflowhost.db;Pooling=true", storage.ConnectionString);
        Assert.Equal(storage.ConnectionString, storage.JobsConnectionString);
        Assert.True(storage.SeedDemoUsers);
        var file = storage.ConnectionString["Data Source=".Length..storage.ConnectionString.IndexOf(';')];
        Assert.True(Directory.Exists(Path.GetDirectoryName(file)), "The data directory should have been created.");
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }
}
