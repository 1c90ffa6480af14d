using WorkflowHost.Server.Tests.Conformance;
using WorkflowHost.Server.Tests.Infrastructure;
using WorkflowHost.Server.Tests.Specification;

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
public sealed class ServiceTasksApiPostgresTest(PostgresApiFixture<ServiceTaskSetup> fixture) : ServiceTasksApiTestBase<PostgresApiFixture<ServiceTaskSetup>>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SpiffConformanceApiPostgresTest(PostgresApiFixture fixture) : SpiffConformanceApiTestBase<PostgresApiFixture>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class BpmnElementsConformanceApiPostgresTest(PostgresApiFixture fixture) : BpmnElementsConformanceApiTestBase<PostgresApiFixture>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class DossiersApiPostgresTest(PostgresApiFixture<ShippedProceduresSetup> fixture) : DossiersApiTestBase<PostgresApiFixture<ShippedProceduresSetup>>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SecurityApiPostgresTest(PostgresApiFixture fixture) : SecurityApiTestBase<PostgresApiFixture>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class MigrationsApiPostgresTest(PostgresApiFixture fixture) : MigrationsApiTestBase<PostgresApiFixture>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class RoutingApiPostgresTest(PostgresApiFixture<RoutingSetup> fixture) : RoutingApiTestBase<PostgresApiFixture<RoutingSetup>>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class DeadlinesApiPostgresTest(PostgresApiFixture<DeadlinesSetup> fixture) : DeadlinesApiTestBase<PostgresApiFixture<DeadlinesSetup>>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class RemindersApiPostgresTest(PostgresApiFixture<ReminderSetup> fixture) : RemindersApiTestBase<PostgresApiFixture<ReminderSetup>>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class TimerClockApiPostgresTest(PostgresApiFixture<TimerClockSetup> fixture) : TimerClockApiTestBase<PostgresApiFixture<TimerClockSetup>>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ReportsApiPostgresTest(PostgresApiFixture<SlaSeededSetup> fixture) : ReportsApiTestBase<PostgresApiFixture<SlaSeededSetup>>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SlaRollupApiPostgresTest(PostgresApiFixture<SlaSeededSetup> fixture) : SlaRollupApiTestBase<PostgresApiFixture<SlaSeededSetup>>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class EventElementsApiPostgresTest(PostgresApiFixture fixture) : EventElementsApiTestBase<PostgresApiFixture>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class UsersApiPostgresTest(PostgresApiFixture<UsersSetup> fixture) : UsersApiTestBase<PostgresApiFixture<UsersSetup>>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class LastAdminRaceApiPostgresTest(PostgresApiFixture fixture) : LastAdminRaceApiTestBase<PostgresApiFixture>(fixture);
