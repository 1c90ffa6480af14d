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

public sealed class ServiceTasksApiSqliteTest(SqliteApiFixture<ServiceTaskSetup> fixture) : ServiceTasksApiTestBase<SqliteApiFixture<ServiceTaskSetup>>(fixture);

public sealed class SpiffConformanceApiSqliteTest(SqliteApiFixture fixture) : SpiffConformanceApiTestBase<SqliteApiFixture>(fixture);

public sealed class BpmnElementsConformanceApiSqliteTest(SqliteApiFixture fixture) : BpmnElementsConformanceApiTestBase<SqliteApiFixture>(fixture);

public sealed class DossiersApiSqliteTest(SqliteApiFixture<ShippedProceduresSetup> fixture) : DossiersApiTestBase<SqliteApiFixture<ShippedProceduresSetup>>(fixture);

public sealed class SecurityApiSqliteTest(SqliteApiFixture fixture) : SecurityApiTestBase<SqliteApiFixture>(fixture);

public sealed class MigrationsApiSqliteTest(SqliteApiFixture fixture) : MigrationsApiTestBase<SqliteApiFixture>(fixture);

public sealed class RoutingApiSqliteTest(SqliteApiFixture<RoutingSetup> fixture) : RoutingApiTestBase<SqliteApiFixture<RoutingSetup>>(fixture);

public sealed class DeadlinesApiSqliteTest(SqliteApiFixture<DeadlinesSetup> fixture) : DeadlinesApiTestBase<SqliteApiFixture<DeadlinesSetup>>(fixture);

public sealed class RemindersApiSqliteTest(SqliteApiFixture<ReminderSetup> fixture) : RemindersApiTestBase<SqliteApiFixture<ReminderSetup>>(fixture);

public sealed class TimerClockApiSqliteTest(SqliteApiFixture<TimerClockSetup> fixture) : TimerClockApiTestBase<SqliteApiFixture<TimerClockSetup>>(fixture);

public sealed class ReportsApiSqliteTest(SqliteApiFixture<SlaSeededSetup> fixture) : ReportsApiTestBase<SqliteApiFixture<SlaSeededSetup>>(fixture);

public sealed class SlaRollupApiSqliteTest(SqliteApiFixture<SlaSeededSetup> fixture) : SlaRollupApiTestBase<SqliteApiFixture<SlaSeededSetup>>(fixture);

public sealed class EventElementsApiSqliteTest(SqliteApiFixture fixture) : EventElementsApiTestBase<SqliteApiFixture>(fixture);

public sealed class UsersApiSqliteTest(SqliteApiFixture<UsersSetup> fixture) : UsersApiTestBase<SqliteApiFixture<UsersSetup>>(fixture);

public sealed class LastAdminRaceApiSqliteTest(SqliteApiFixture fixture) : LastAdminRaceApiTestBase<SqliteApiFixture>(fixture);
