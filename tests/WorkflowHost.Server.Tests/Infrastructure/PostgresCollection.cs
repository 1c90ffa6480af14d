using WorkflowHost.Testing;

namespace WorkflowHost.Server.Tests.Infrastructure;

/// <summary>
/// Every PostgreSQL suite is in this collection, so the assembly starts exactly one throwaway cluster; each test
/// class still gets its own fresh database and host (<see cref="PostgresApiFixture"/>).
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<SharedPostgres>
{
    public const string Name = "postgres";
}
