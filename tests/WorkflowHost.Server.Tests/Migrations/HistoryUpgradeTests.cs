using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using WorkflowHost.Data;
using WorkflowHost.Server.Tests.Infrastructure;
using WorkflowHost.Testing;

namespace WorkflowHost.Server.Tests.Migrations;

/// <summary>
/// A database created by the first release keeps its history when the key moves to (instance, element instance):
/// rows written under the old schema are all there, in order, and the new key refuses a duplicate.
/// </summary>
public abstract class HistoryUpgradeTestBase
{
    protected abstract Task<WorkflowDbContext> CreateContextAsync();

    [Fact]
    public async Task Upgrade_KeepsEveryHistoryRowInOrder_WhenDatabaseCameFromInitialRelease()
    {
        await using var db = await CreateContextAsync();
        var migrator = db.GetService<IMigrator>();
        var initial = db.Database.GetMigrations().First();
        await migrator.MigrateAsync(initial);
        var instance = Guid.NewGuid();
        // Old schema: an identity column, rows written in element-instance order, one step still open.
        foreach (var (elementInstance, elementId, ended) in new[] { (1L, "start", true), (2L, "receive", true), (3L, "appraise", false) })
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO history ("InstanceId", "ElementInstanceId", "ElementId", "ElementType", "StartedAt", "EndedAt", "Cancelled")
                VALUES ({instance}, {elementInstance}, {elementId}, {"userTask"}, {Stamp(elementInstance)}, {(ended ? Stamp(elementInstance + 1) : null)}, {false})
                """);

        await migrator.MigrateAsync();

        var rows = await db.History.AsNoTracking().Where(h => h.InstanceId == instance).OrderBy(h => h.ElementInstanceId).ToListAsync();
        Assert.Equal(["start", "receive", "appraise"], rows.Select(r => r.ElementId));
        Assert.Equal([true, true, false], rows.Select(r => r.EndedAt is not null));
        db.History.Add(new Data.Entities.HistoryEntity { InstanceId = instance, ElementInstanceId = 2, ElementId = "again", ElementType = "userTask", StartedAt = DateTimeOffset.UtcNow });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    /// <summary>Each provider stores the column its own way (SQLite: UTC ticks; PostgreSQL: timestamptz).</summary>
    protected abstract object Stamp(long minute);
}

public sealed class HistoryUpgradeSqliteTest : HistoryUpgradeTestBase, IDisposable
{
    private readonly SqliteTestFile _file = new();

    protected override Task<WorkflowDbContext> CreateContextAsync() => Task.FromResult(_file.CreateContext());

    protected override object Stamp(long minute) => new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter().ConvertToProvider(new DateTimeOffset(2026, 7, 1, 8, (int)minute, 0, TimeSpan.Zero))!;

    public void Dispose() => _file.Dispose();
}

[Collection(PostgresCollection.Name)]
public sealed class HistoryUpgradePostgresTest(SharedPostgres postgres) : HistoryUpgradeTestBase
{
    private readonly PostgresTestDatabase _database = new(postgres);

    protected override Task<WorkflowDbContext> CreateContextAsync() => _database.CreateContextAsync();

    protected override object Stamp(long minute) => new DateTimeOffset(2026, 7, 1, 8, (int)minute, 0, TimeSpan.Zero);
}
