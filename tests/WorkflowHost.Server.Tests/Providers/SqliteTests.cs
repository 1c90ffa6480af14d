using WorkflowHost.Server.Tests.Conformance;
using WorkflowHost.Server.Tests.Infrastructure;
using WorkflowHost.Server.Tests.Specification;

namespace WorkflowHost.Server.Tests.Providers;

// Every API suite on the embedded provider: a SQLite file per test class, in-memory Hangfire.

public sealed class AuthApiSqliteTest(SqliteApiFixture fixture) : AuthApiTestBase<SqliteApiFixture>(fixture);

public sealed class DefinitionsApiSqliteTest(SqliteApiFixture fixture) : DefinitionsApiTestBase<SqliteApiFixture>(fixture);

public sealed class DesignerApiSqliteTest(SqliteApiFixture fixture) : DesignerApiTestBase<SqliteApiFixture>(fixture);

public sealed class InstancesApiSqliteTest(SqliteApiFixture fixture) : InstancesApiTestBase<SqliteApiFixture>(fixture);

public sealed class TasksApiSqliteTest(SqliteApiFixture fixture) : TasksApiTestBase<SqliteApiFixture>(fixture);

public sealed class ConcurrencyApiSqliteTest(SqliteApiFixture fixture) : ConcurrencyApiTestBase<SqliteApiFixture>(fixture);

public sealed class MessagesApiSqliteTest(SqliteApiFixture fixture) : MessagesApiTestBase<SqliteApiFixture>(fixture);

public sealed class SignalsApiSqliteTest(SqliteApiFixture fixture) : SignalsApiTestBase<SqliteApiFixture>(fixture);

public sealed class TimersApiSqliteTest(SqliteApiFixture fixture) : TimersApiTestBase<SqliteApiFixture>(fixture);

public sealed class HostApiSqliteTest(SqliteApiFixture fixture) : HostApiTestBase<SqliteApiFixture>(fixture);

public sealed class CalendarsApiSqliteTest(SqliteApiFixture fixture) : CalendarsApiTestBase<SqliteApiFixture>(fixture);

public sealed class ServiceTasksApiSqliteTest(ServiceTasksApiSqliteTest.SqliteHandlersFixture fixture) : ServiceTasksApiTestBase<ServiceTasksApiSqliteTest.SqliteHandlersFixture>(fixture)
{
    public sealed class SqliteHandlersFixture : SqliteApiFixture, IServiceTaskFixture
    {
        public TestHandlers Handlers { get; } = new();

        protected override WorkflowHostFactory CreateFactory(IReadOnlyDictionary<string, string?> settings, RecentLogs logs) =>
            new ServiceTaskHostFactory(settings, logs, Handlers);
    }
}

public sealed class SpiffConformanceApiSqliteTest(SqliteApiFixture fixture) : SpiffConformanceApiTestBase<SqliteApiFixture>(fixture);

public sealed class BpmnElementsConformanceApiSqliteTest(SqliteApiFixture fixture) : BpmnElementsConformanceApiTestBase<SqliteApiFixture>(fixture);

public sealed class DossiersApiSqliteTest(DossiersApiSqliteTest.ShippedFixture fixture) : DossiersApiTestBase<DossiersApiSqliteTest.ShippedFixture>(fixture)
{
    public sealed class ShippedFixture : SqliteApiFixture
    {
        protected override bool ShippedProcedures => true;
    }
}

public sealed class SecurityApiSqliteTest(SqliteApiFixture fixture) : SecurityApiTestBase<SqliteApiFixture>(fixture);

public sealed class MigrationsApiSqliteTest(SqliteApiFixture fixture) : MigrationsApiTestBase<SqliteApiFixture>(fixture);


public sealed class RoutingApiSqliteTest(RoutingApiSqliteTest.ClockFixture fixture) : RoutingApiTestBase<RoutingApiSqliteTest.ClockFixture>(fixture)
{
    public sealed class ClockFixture : SqliteApiFixture, IShiftedClockFixture
    {
        public ShiftedClock Clock { get; } = new();

        protected override bool ShippedProcedures => true;

        protected override WorkflowHostFactory CreateFactory(IReadOnlyDictionary<string, string?> settings, RecentLogs logs) => new ShiftedClockHostFactory(settings, logs, Clock);
    }
}
public sealed class DeadlinesApiSqliteTest(DeadlinesApiSqliteTest.ClockFixture fixture) : DeadlinesApiTestBase<DeadlinesApiSqliteTest.ClockFixture>(fixture)
{
    public sealed class ClockFixture : SqliteApiFixture, IClockFixture
    {
        public TestClock Clock { get; } = new(DeadlinesClock.Start);
        protected override bool ShippedProcedures => true;
        protected override WorkflowHostFactory CreateFactory(IReadOnlyDictionary<string, string?> settings, RecentLogs logs) => new ClockHostFactory(settings, logs, Clock);
    }
}

public sealed class RemindersApiSqliteTest(SqliteReminderFixture fixture) : RemindersApiTestBase<SqliteReminderFixture>(fixture);

public sealed class TimerClockApiSqliteTest(TimerClockApiSqliteTest.SqliteClockFixture fixture) : TimerClockApiTestBase<TimerClockApiSqliteTest.SqliteClockFixture>(fixture)
{
    public sealed class SqliteClockFixture : SqliteApiFixture, IClockFixture
    {
        // Whole seconds: both databases store the due time exactly.
        public TestClock Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

        protected override WorkflowHostFactory CreateFactory(IReadOnlyDictionary<string, string?> settings, RecentLogs logs) =>
            new ClockHostFactory(settings, logs, Clock);
    }
}

public sealed class ReportsApiSqliteTest(ReportsApiSqliteTest.SeededFixture fixture) : ReportsApiTestBase<ReportsApiSqliteTest.SeededFixture>(fixture)
{
    public sealed class SeededFixture : SqliteApiFixture, ISlaSeededFixture
    {
        protected override bool ShippedProcedures => true;

        protected override async Task AfterStartAsync()
        {
            await base.AfterStartAsync();
            await Reports.SlaSeed.SeedAsync(Factory.Services);
        }
    }
}

public sealed class EventElementsApiSqliteTest(SqliteApiFixture fixture) : EventElementsApiTestBase<SqliteApiFixture>(fixture);

public sealed class UsersApiSqliteTest(UsersApiSqliteTest.UsersFixture fixture) : UsersApiTestBase<UsersApiSqliteTest.UsersFixture>(fixture)
{
    public sealed class UsersFixture : SqliteApiFixture
    {
        protected override bool ShippedProcedures => true;
        protected override WorkflowHostFactory CreateFactory(IReadOnlyDictionary<string, string?> settings, RecentLogs logs) => new(UsersFixtureSettings.With(settings), logs);
    }
}

public sealed class LastAdminRaceApiSqliteTest(SqliteApiFixture fixture) : LastAdminRaceApiTestBase<SqliteApiFixture>(fixture);
