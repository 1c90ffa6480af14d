using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Server.Tests.Infrastructure;
using WorkflowHost.Testing;

namespace WorkflowHost.Server.Tests.Storage;

/// <summary>
/// Instants compare as instants in SQL whatever offset they were written with: a due date computed in Vietnam time
/// (+07:00) is overdue against a UTC "now" exactly when it has passed. (SQLite stores a number; it used to carry the
/// local ticks, which sorted +07:00 values seven hours late.)
/// </summary>
public abstract class InstantOrderingTestBase
{
    protected abstract Task<WorkflowDbContext> CreateContextAsync();

    [Fact]
    public async Task DueDates_WrittenInVietnamTime_CompareWithUtcNow_AsInstants()
    {
        await using (var migrate = await CreateContextAsync()) await migrate.Database.MigrateAsync();
        var instance = Guid.NewGuid();
        var dueVn = new DateTimeOffset(2026, 3, 10, 10, 0, 0, TimeSpan.FromHours(7)); // 03:00 UTC
        await using (var db = await CreateContextAsync())
        {
            db.Tasks.Add(new TaskEntity { Id = Guid.NewGuid(), InstanceId = instance, EngineTaskId = 1, ElementId = "a", ElementType = "userTask", State = TaskState.Open, DueAt = dueVn });
            db.Tasks.Add(new TaskEntity { Id = Guid.NewGuid(), InstanceId = instance, EngineTaskId = 2, ElementId = "b", ElementType = "userTask", State = TaskState.Open,
                DueAt = new DateTimeOffset(2026, 3, 10, 4, 0, 0, TimeSpan.Zero) });
            await db.SaveChangesAsync();
        }

        await using var check = await CreateContextAsync();
        var now = new DateTimeOffset(2026, 3, 10, 3, 30, 0, TimeSpan.Zero); // 10:30 in Vietnam
        var overdue = await check.Tasks.AsNoTracking().Where(t => t.InstanceId == instance && t.DueAt < now).Select(t => t.ElementId).ToListAsync();
        var ordered = await check.Tasks.AsNoTracking().Where(t => t.InstanceId == instance).OrderBy(t => t.DueAt).Select(t => t.ElementId).ToListAsync();
        var stored = await check.Tasks.AsNoTracking().SingleAsync(t => t.InstanceId == instance && t.ElementId == "a");

        Assert.Equal(["a"], overdue);
        Assert.Equal(["a", "b"], ordered);
        Assert.Equal(dueVn, stored.DueAt); // the same instant comes back
    }
}

public sealed class InstantOrderingSqliteTest : InstantOrderingTestBase, IDisposable
{
    private readonly SqliteTestFile _file = new();

    protected override Task<WorkflowDbContext> CreateContextAsync() => Task.FromResult(_file.CreateContext());

    public void Dispose() => _file.Dispose();
}

[Collection(PostgresCollection.Name)]
public sealed class InstantOrderingPostgresTest(SharedPostgres postgres) : InstantOrderingTestBase
{
    private readonly PostgresTestDatabase _database = new(postgres);

    protected override Task<WorkflowDbContext> CreateContextAsync() => _database.CreateContextAsync();
}
