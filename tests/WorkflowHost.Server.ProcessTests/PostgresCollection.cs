using WorkflowHost.Testing;

// Server processes are heavy on a 2-core machine and the tests wait on wall-clock timers: one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace WorkflowHost.Server.ProcessTests;

/// <summary>One throwaway PostgreSQL cluster for the whole assembly; each test makes its own database on it.</summary>
[CollectionDefinition("postgres")]
public sealed class PostgresCollection : ICollectionFixture<SharedPostgres>
{
}
