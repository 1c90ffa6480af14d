using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Testing;

namespace WorkflowHost.Server.Tests.Infrastructure;

/// <summary>A throwaway SQLite file for storage tests that talk to a context directly, without a host.</summary>
public sealed class SqliteTestFile : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("wfh-storage-").FullName;

    public WorkflowDbContext CreateContext() => new SqliteWorkflowDbContext(
        new DbContextOptionsBuilder<SqliteWorkflowDbContext>().UseSqlite($"Data Source={Path.Combine(_directory, "storage.db")};Pooling=false").Options);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>A fresh database on the shared cluster for storage tests that talk to a context directly.</summary>
public sealed class PostgresTestDatabase(SharedPostgres postgres)
{
    private string? _connection;

    public async Task<WorkflowDbContext> CreateContextAsync() => new PostgresWorkflowDbContext(
        new DbContextOptionsBuilder<PostgresWorkflowDbContext>().UseNpgsql(_connection ??= await postgres.CreateDatabaseAsync()).Options);
}
