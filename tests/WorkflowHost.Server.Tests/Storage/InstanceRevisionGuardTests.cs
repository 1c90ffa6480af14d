using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Server.Tests.Infrastructure;
using WorkflowHost.Testing;

namespace WorkflowHost.Server.Tests.Storage;

/// <summary>
/// The instances trigger refuses a write computed from a revision another writer already replaced, and the refusal
/// takes the whole write with it — on PostgreSQL also when the write is sent as one batch without a transaction, as
/// <c>InstanceCommandService</c> sends it there.
/// </summary>
public abstract class InstanceRevisionGuardTestBase
{
    protected abstract Task<WorkflowDbContext> CreateContextAsync();

    [Fact]
    public async Task StaleWrite_IsRefusedAndNothingOfItIsKept_WhenAnotherWriterCommittedFirst()
    {
        var (instanceId, taskId, first) = await SeedAsync();
        await using var winner = await CreateContextAsync();
        await using var loser = await CreateContextAsync();
        var winnerRow = await winner.Instances.SingleAsync(i => i.Id == instanceId);
        var loserRow = await loser.Instances.SingleAsync(i => i.Id == instanceId);
        var loserTask = await loser.Tasks.SingleAsync(t => t.Id == taskId);

        var second = Advance(winnerRow, "winner");
        await winner.SaveChangesAsync();

        Advance(loserRow, "loser");
        loserTask.State = TaskState.Completed;
        loser.History.Add(new HistoryEntity { InstanceId = instanceId, ElementInstanceId = 9, ElementId = "loser-step", ElementType = "userTask", StartedAt = DateTimeOffset.UtcNow });
        if (loser.RunsBatchAtomically) loser.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => loser.SaveChangesAsync());

        Assert.True(StaleRevision.IsCauseOf(refused), refused.ToString());
        await using var check = await CreateContextAsync();
        var stored = await check.Instances.AsNoTracking().SingleAsync(i => i.Id == instanceId);
        Assert.Equal((second, "winner"), (stored.Revision, stored.StateJson));
        Assert.NotEqual(first, stored.Revision);
        Assert.Equal(TaskState.Open, (await check.Tasks.AsNoTracking().SingleAsync(t => t.Id == taskId)).State);
        Assert.False(await check.History.AnyAsync(h => h.InstanceId == instanceId && h.ElementId == "loser-step"));
    }

    [Fact]
    public async Task Update_IsRefused_WhenItDoesNotNameTheRevisionItWasComputedFrom()
    {
        var (instanceId, _, _) = await SeedAsync();
        await using var db = await CreateContextAsync();
        var row = await db.Instances.SingleAsync(i => i.Id == instanceId);
        row.StateJson = "edited by hand";

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => db.SaveChangesAsync());

        Assert.True(StaleRevision.IsCauseOf(refused), refused.ToString());
    }

    private static Guid Advance(InstanceEntity row, string state)
    {
        row.PreviousRevision = row.Revision;
        row.Revision = Guid.NewGuid();
        row.StateJson = state;
        return row.Revision;
    }

    private async Task<(Guid Instance, Guid Task, Guid Revision)> SeedAsync()
    {
        await using var db = await CreateContextAsync();
        await db.Database.MigrateAsync();
        var now = DateTimeOffset.UtcNow;
        var instance = new InstanceEntity
        {
            Id = Guid.NewGuid(), DefinitionKey = "guard", DefinitionVersion = 1, Status = "active", StateJson = "seed",
            StartedAt = now, UpdatedAt = now, Revision = Guid.NewGuid(),
        };
        var task = new TaskEntity
        {
            Id = Guid.NewGuid(), InstanceId = instance.Id, EngineTaskId = 1, ElementId = "check", ElementType = "userTask",
            State = TaskState.Open, CreatedAt = now,
        };
        db.AddRange(instance, task);
        await db.SaveChangesAsync();
        return (instance.Id, task.Id, instance.Revision);
    }
}

public sealed class InstanceRevisionGuardSqliteTest : InstanceRevisionGuardTestBase, IDisposable
{
    private readonly SqliteTestFile _file = new();

    protected override Task<WorkflowDbContext> CreateContextAsync() => Task.FromResult(_file.CreateContext());

    public void Dispose() => _file.Dispose();
}

[Collection(PostgresCollection.Name)]
public sealed class InstanceRevisionGuardPostgresTest(SharedPostgres postgres) : InstanceRevisionGuardTestBase
{
    private readonly PostgresTestDatabase _database = new(postgres);

    protected override Task<WorkflowDbContext> CreateContextAsync() => _database.CreateContextAsync();
}

/// <summary>
/// An instance write goes without a transaction on PostgreSQL only because it is one batch. EF Core starts a second
/// batch when a row refers to a key the database generates in the same save; none of our foreign keys may point at one.
/// </summary>
public sealed class SingleBatchModelTest
{
    [Fact]
    public void ForeignKeys_PointOnlyAtKeysTheApplicationAssigns()
    {
        using var db = new PostgresWorkflowDbContext(new DbContextOptionsBuilder<PostgresWorkflowDbContext>().UseNpgsql("Host=unused").Options);
        var workflowKeys = db.Model.GetEntityTypes()
            .Where(e => e.ClrType.Namespace == typeof(InstanceEntity).Namespace && e.ClrType != typeof(AppUser))
            .SelectMany(e => e.GetForeignKeys()).ToList();

        Assert.NotEmpty(workflowKeys);
        Assert.All(workflowKeys, fk => Assert.All(fk.PrincipalKey.Properties, p =>
            Assert.True(p.ClrType == typeof(Guid) || p.ValueGenerated == ValueGenerated.Never,
                $"{fk.DeclaringEntityType.DisplayName()} refers to {fk.PrincipalEntityType.DisplayName()}.{p.Name}, which the database generates")));
    }
}
