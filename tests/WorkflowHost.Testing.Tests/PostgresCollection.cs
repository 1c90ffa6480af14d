using WorkflowHost.Testing;

namespace WorkflowHost.Testing.Tests;

/// <summary>xunit 2 needs the collection definition in the test assembly itself.</summary>
[CollectionDefinition("postgres")]
public sealed class PostgresCollection : ICollectionFixture<SharedPostgres>
{
}
