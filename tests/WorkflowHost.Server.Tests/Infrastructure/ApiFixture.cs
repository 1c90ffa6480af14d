using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Testing;

namespace WorkflowHost.Server.Tests.Infrastructure;

/// <summary>
/// One running WorkflowHost on a fresh database of one provider, for one test class (xunit class fixture). The
/// provider subclasses only say where the database is; what a suite adds to the host (a clock, test services, seeded
/// data) is its <see cref="HostSetup"/>, run on either provider by <see cref="SqliteApiFixture{TSetup}"/> and
/// <see cref="PostgresApiFixture{TSetup}"/>.
/// </summary>
public abstract class ApiFixture : IAsyncLifetime
{
    private readonly Dictionary<string, ApiClient> _signedIn = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _signInLock = new(1, 1);
    private WorkflowHostFactory? _factory;

    /// <summary>"sqlite" or "postgres", for messages.</summary>
    public abstract string Provider { get; }

    /// <summary>A temporary directory owned by this fixture (SQLite file, the empty workflows folder).</summary>
    public string Root { get; } = Directory.CreateTempSubdirectory("wfh-api-tests-").FullName;

    public WorkflowHostFactory Factory => _factory ?? throw new InvalidOperationException("The fixture has not been initialised.");

    public RecentLogs Logs { get; } = new();

    /// <summary>Settings every host of this suite runs with (tests may read them to know the configured timings).</summary>
    public static readonly TimeSpan ServiceJobRetryDelay = TimeSpan.FromMilliseconds(200);

    public const int ServiceJobAttempts = 2;

    /// <summary>What the suite adds to the host; nothing unless a <see cref="SqliteApiFixture{TSetup}"/> or <see cref="PostgresApiFixture{TSetup}"/> says.</summary>
    protected virtual HostSetup SuiteSetup { get; } = new();

    /// <summary>How many waiting instances one message may reach (small, so the cap can be reached in a test).</summary>
    public const int MaxMessageDeliveries = 5;

    /// <summary>Rows the reconcilers read at a time (small, so a test fills several pages).</summary>
    public const int ReconcilePageSize = 50;

    /// <summary>Largest size of one instance's variables (small, so a few completions reach it in a test).</summary>
    public const int MaxInstanceVariablesBytes = 64 * 1024;

    /// <summary>Sign-in attempts one caller may make for one user name per minute before 429.</summary>
    public const int LoginAttemptsPerUser = 5;

    /// <summary>The settings the host was started with (a second node on the same database uses them too).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; private set; } = new Dictionary<string, string?>();

    /// <summary>Creates the provider's empty database and returns the <c>ConnectionStrings:Workflow</c> value.</summary>
    protected abstract Task<string> CreateDatabaseAsync();

    /// <summary>Lets go of the database after the host stopped (connection pools, files).</summary>
    protected abstract Task ReleaseDatabaseAsync();

    protected virtual WorkflowHostFactory CreateFactory(IReadOnlyDictionary<string, string?> settings, RecentLogs logs) => new(settings, logs, SuiteSetup);

    /// <summary>
    /// Another node on the same database, with the same settings and test services (the same clock, the same SMTP
    /// server); dispose it.
    /// </summary>
    public WorkflowHostFactory SecondNode()
    {
        // Hangfire's log provider is process-global and may point at a node disposed earlier (see InitializeAsync).
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
        return CreateFactory(Settings, new RecentLogs());
    }

    public async Task InitializeAsync()
    {
        var workflows = Directory.CreateDirectory(Path.Combine(Root, "workflows")).FullName;
        ReferenceData.CopyTo(workflows, SuiteSetup.ShippedProcedures);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Workflow"] = await CreateDatabaseAsync(),
            ["WorkflowHost:SeedDemoUsers"] = "true",
            // Empty: each test deploys its own definitions (unique process ids), nothing comes from workflows/.
            ["WorkflowHost:WorkflowsDirectory"] = workflows,
            ["WorkflowHost:DataDirectory"] = Path.Combine(Root, "data"),
            ["WorkflowHost:TimerHorizon"] = "00:10:00",
            ["WorkflowHost:SchedulePollingInterval"] = "00:00:01",
            ["WorkflowHost:ServiceJobAttempts"] = ServiceJobAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["WorkflowHost:ServiceJobRetryDelay"] = ServiceJobRetryDelay.ToString("c"),
            ["WorkflowHost:MaxMessageDeliveries"] = MaxMessageDeliveries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["WorkflowHost:ReconcilePageSize"] = ReconcilePageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["WorkflowHost:MaxInstanceVariablesBytes"] = MaxInstanceVariablesBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["WorkflowHost:LoginAttemptsPerUser"] = LoginAttemptsPerUser.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Every test class signs in many times from the one test-server address.
            ["WorkflowHost:LoginAttemptsPerAddress"] = "1000",
            // Revocation is checked on every request, so a test sees a disabled account at once.
            ["WorkflowHost:SecurityStampValidationInterval"] = "00:00:00",
        };
        Settings = SuiteSetup.Settings(settings);
        // Hangfire's log provider is process-global and points at the previous host's (disposed) LoggerFactory; the
        // server builds its in-memory storage while registering services, which asks that provider for a logger.
        // The new host installs its own provider once its Hangfire configuration is resolved.
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
        _factory = CreateFactory(Settings, Logs);
        // Boot now: migrations, seeding and the Hangfire server run before the first test, and a host that cannot
        // start fails the fixture with its own exception instead of every test.
        _ = _factory.Server;
        await AfterStartAsync();
        await SuiteSetup.AfterStartAsync(_factory.Services);
    }

    /// <summary>Checks that the host really uses the database this fixture made (and not, say, the repository's data/).</summary>
    protected virtual Task AfterStartAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var client in _signedIn.Values) client.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        SuiteSetup.Dispose();
        await ReleaseDatabaseAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory; a file still open somewhere must not fail the suite.
        }
    }

    /// <summary>A client without credentials (no cookie, no token).</summary>
    public ApiClient Anonymous() => new(Factory.CreateClient(), this);

    /// <summary>
    /// A new session of a demo user, shared with nobody (dispose it): for tests that move the host's clock and want each
    /// step to start from a sign-in made at that moment, not from a session cached by an earlier test.
    /// </summary>
    public async Task<ApiClient> SignInAfreshAsync(string user)
    {
        var client = Anonymous();
        var response = await client.Http.PostAsJsonAsync("/api/auth/login", new { userName = user, password = user });
        await client.ExpectAsync(response, HttpStatusCode.OK, $"sign-in of {user}");
        return client;
    }

    /// <summary>A client signed in as a demo user by cookie (shared within the fixture; sign-in is not free).</summary>
    public async Task<ApiClient> AsAsync(string user)
    {
        await _signInLock.WaitAsync();
        try
        {
            if (_signedIn.TryGetValue(user, out var existing)) return existing;
            return _signedIn[user] = await SignInAfreshAsync(user);
        }
        finally
        {
            _signInLock.Release();
        }
    }
}

/// <summary>The embedded provider: a SQLite file in the fixture's temporary directory (in-memory Hangfire).</summary>
public class SqliteApiFixture : ApiFixture
{
    public override string Provider => "sqlite";

    private string DatabaseFile => Path.Combine(Root, "workflowhost-api.db");

    protected override Task<string> CreateDatabaseAsync() => Task.FromResult($"Data Source={DatabaseFile}");

    protected override Task AfterStartAsync()
    {
        if (!File.Exists(DatabaseFile)) throw new InvalidOperationException($"The host did not create its SQLite database at {DatabaseFile}.");
        return Task.CompletedTask;
    }

    protected override Task ReleaseDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        return Task.CompletedTask;
    }
}

/// <summary>The production provider: a fresh database on the assembly's shared throwaway cluster (Hangfire.PostgreSql).</summary>
public class PostgresApiFixture(SharedPostgres postgres) : ApiFixture
{
    private string? _connectionString;
    private StorageSettings? _hostStorage;

    public override string Provider => "postgres";

    /// <summary>The fixture's database as the test sees it (the host adds its pool settings to it).</summary>
    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("The fixture has not been initialised.");

    protected override async Task<string> CreateDatabaseAsync() => _connectionString = await postgres.CreateDatabaseAsync();

    protected override Task AfterStartAsync()
    {
        _hostStorage = Factory.Services.GetRequiredService<StorageSettings>();
        return Task.CompletedTask;
    }

    protected override Task ReleaseDatabaseAsync()
    {
        // The host's pools are keyed by the connection strings it derived (API and Hangfire), not by the fixture's.
        foreach (var connectionString in new[] { _connectionString, _hostStorage?.ConnectionString, _hostStorage?.JobsConnectionString })
        {
            if (connectionString is null) continue;
            using var connection = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(connection);
        }
        return Task.CompletedTask;
    }
}
