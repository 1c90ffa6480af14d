using Xunit;

namespace WorkflowHost.Testing;

/// <summary>
/// One throwaway PostgreSQL cluster (<see cref="PostgresServer"/>) shared by every test class of a collection,
/// started before the first of them and stopped after the last.
/// </summary>
/// <remarks>
/// <para>
/// xunit 2 only sees collection definitions declared in the test assembly itself, so each test project that
/// wants the cluster declares this once (any file, e.g. <c>PostgresCollection.cs</c>):
/// </para>
/// <code>
/// [CollectionDefinition("postgres")]
/// public sealed class PostgresCollection : ICollectionFixture&lt;SharedPostgres&gt; { }
/// </code>
/// <para>and then puts its database tests in that collection, giving each class (or test) its own database:</para>
/// <code>
/// [Collection("postgres")]
/// public sealed class StoreTests(SharedPostgres pg)
/// {
///     [Fact]
///     public async Task Saves()
///     {
///         var cs = await pg.CreateDatabaseAsync();   // a new empty database
///         // ... use cs with Npgsql / EF Core ...
///     }
/// }
/// </code>
/// <para>
/// Tests of one collection run one after another; an assembly that puts all its database tests in the
/// "postgres" collection therefore starts exactly one cluster. The cluster is stopped and its directory deleted
/// when the collection ends (and, as a safety net, when the test process exits).
/// </para>
/// </remarks>
public sealed class SharedPostgres : IAsyncLifetime
{
    private PostgresServer? _server;

    /// <summary>The running cluster. Only valid after xunit called <see cref="InitializeAsync"/>.</summary>
    public PostgresServer Server =>
        _server ?? throw new InvalidOperationException("SharedPostgres has not been initialised (use it as an xunit fixture).");

    /// <summary>Connection string to the <c>postgres</c> database as user <c>postgres</c>.</summary>
    public string ConnectionString => Server.ConnectionString;

    /// <summary>Creates a new empty database and returns a connection string to it.</summary>
    public Task<string> CreateDatabaseAsync(string? name = null) => Server.CreateDatabaseAsync(name);

    /// <inheritdoc />
    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync().ConfigureAwait(false);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        var server = _server;
        _server = null;
        if (server is not null)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
