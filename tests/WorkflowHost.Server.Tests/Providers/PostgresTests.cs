using WorkflowHost.Server.Tests.Conformance;
using WorkflowHost.Server.Tests.Infrastructure;
using WorkflowHost.Server.Tests.Specification;
using WorkflowHost.Testing;

namespace WorkflowHost.Server.Tests.Providers;

// Every API suite on the production provider: a fresh database per test class on the assembly's one throwaway
// cluster (the "postgres" collection), Hangfire.PostgreSql.

[Collection(PostgresCollection.Name)]
public sealed class AuthApiPostgresTest(PostgresApiFixture fixture) : AuthApiTestBase<PostgresApiFixture>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class DefinitionsApiPostgresTest(PostgresApiFixture fixture) : DefinitionsApiTestBase<PostgresApiFixture>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class DesignerApiPostgresTest(PostgresApiFixture fixture) : DesignerApiTestBase<PostgresApiFixture>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class InstancesApiPostgresTest(PostgresApiFixture fixture) : InstancesApiTestBase<PostgresApiFixture>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class TasksApiPostgresTest(PostgresApiFixture fixture) : TasksApiTestBase<PostgresApiFixture>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ConcurrencyApiPostgresTest(PostgresApiFixture fixture) : ConcurrencyApiTestBase<PostgresApiFixture>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class MessagesApiPostgresTest(PostgresApiFixture fixture) : MessagesApiTestBase<PostgresApiFixture>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SignalsApiPostgresTest(PostgresApiFixture fixture) : SignalsApiTestBase<PostgresApiFixture>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class TimersApiPostgresTest(PostgresApiFixture fixture) : TimersApiTestBase<PostgresApiFixture>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class HostApiPostgresTest(PostgresApiFixture fixture) : HostApiTestBase<PostgresApiFixture>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class CalendarsApiPostgresTest(PostgresApiFixture fixture) : CalendarsApiTestBase<PostgresApiFixture>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ServiceTasksApiPostgresTest(ServiceTasksApiPostgresTest.PostgresHandlersFixture fixture) : ServiceTasksApiTestBase<ServiceTasksApiPostgresTest.PostgresHandlersFixture>(fixture)
{
    public sealed class PostgresHandlersFixture(SharedPostgres postgres) : PostgresApiFixture(postgres), IServiceTaskFixture
    {
        public TestHandlers Handlers { get; } = new();

        protected override WorkflowHostFactory CreateFactory(IReadOnlyDictionary<string, string?> settings, RecentLogs logs) =>
            new ServiceTaskHostFactory(settings, logs, Handlers);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class SpiffConformanceApiPostgresTest(PostgresApiFixture fixture) : SpiffConformanceApiTestBase<PostgresApiFixture>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class BpmnElementsConformanceApiPostgresTest(PostgresApiFixture fixture) : BpmnElementsConformanceApiTestBase<PostgresApiFixture>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class DossiersApiPostgresTest(DossiersApiPostgresTest.ShippedFixture fixture) : DossiersApiTestBase<DossiersApiPostgresTest.ShippedFixture>(fixture)
{
    public sealed class ShippedFixture(SharedPostgres postgres) : PostgresApiFixture(postgres)
    {
        protected override bool ShippedProcedures => true;
    }
}

[Collection(PostgresCollection.Name)]
public sealed class SecurityApiPostgresTest(PostgresApiFixture fixture) : SecurityApiTestBase<PostgresApiFixture>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class MigrationsApiPostgresTest(PostgresApiFixture fixture) : MigrationsApiTestBase<PostgresApiFixture>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class RoutingApiPostgresTest(RoutingApiPostgresTest.ClockFixture fixture) : RoutingApiTestBase<RoutingApiPostgresTest.ClockFixture>(fixture)
{
    public sealed class ClockFixture(SharedPostgres postgres) : PostgresApiFixture(postgres), IShiftedClockFixture
    {
        public ShiftedClock Clock { get; } = new();

        protected override bool ShippedProcedures => true;

        protected override WorkflowHostFactory CreateFactory(IReadOnlyDictionary<string, string?> settings, RecentLogs logs) => new ShiftedClockHostFactory(settings, logs, Clock);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class DeadlinesApiPostgresTest(DeadlinesApiPostgresTest.ClockFixture fixture) : DeadlinesApiTestBase<DeadlinesApiPostgresTest.ClockFixture>(fixture)
{
    public sealed class ClockFixture(SharedPostgres postgres) : PostgresApiFixture(postgres), IClockFixture
    {
        public TestClock Clock { get; } = new(DeadlinesClock.Start);
        protected override bool ShippedProcedures => true;
        protected override WorkflowHostFactory CreateFactory(IReadOnlyDictionary<string, string?> settings, RecentLogs logs) => new ClockHostFactory(settings, logs, Clock);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class RemindersApiPostgresTest(PostgresReminderFixture fixture) : RemindersApiTestBase<PostgresReminderFixture>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class TimerClockApiPostgresTest(TimerClockApiPostgresTest.PostgresClockFixture fixture) : TimerClockApiTestBase<TimerClockApiPostgresTest.PostgresClockFixture>(fixture)
{
    public sealed class PostgresClockFixture(SharedPostgres postgres) : PostgresApiFixture(postgres), IClockFixture
    {
        // Whole seconds: both databases store the due time exactly.
        public TestClock Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

        protected override WorkflowHostFactory CreateFactory(IReadOnlyDictionary<string, string?> settings, RecentLogs logs) =>
            new ClockHostFactory(settings, logs, Clock);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class ReportsApiPostgresTest(ReportsApiPostgresTest.SeededFixture fixture) : ReportsApiTestBase<ReportsApiPostgresTest.SeededFixture>(fixture)
{
    public sealed class SeededFixture(SharedPostgres postgres) : PostgresApiFixture(postgres), ISlaSeededFixture
    {
        protected override bool ShippedProcedures => true;

        protected override async Task AfterStartAsync()
        {
            await base.AfterStartAsync();
            await Reports.SlaSeed.SeedAsync(Factory.Services);
        }
    }
}

[Collection(PostgresCollection.Name)]
public sealed class EventElementsApiPostgresTest(PostgresApiFixture fixture) : EventElementsApiTestBase<PostgresApiFixture>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class UsersApiPostgresTest(UsersApiPostgresTest.UsersFixture fixture) : UsersApiTestBase<UsersApiPostgresTest.UsersFixture>(fixture)
{
    public sealed class UsersFixture(SharedPostgres postgres) : PostgresApiFixture(postgres)
    {
        protected override bool ShippedProcedures => true;
        protected override WorkflowHostFactory CreateFactory(IReadOnlyDictionary<string, string?> settings, RecentLogs logs) => new(UsersFixtureSettings.With(settings), logs);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class LastAdminRaceApiPostgresTest(PostgresApiFixture fixture) : LastAdminRaceApiTestBase<PostgresApiFixture>(fixture);
