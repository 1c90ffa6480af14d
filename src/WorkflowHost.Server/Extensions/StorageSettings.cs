namespace WorkflowHost.Server.Extensions;

/// <summary>
/// Which database this node uses: <c>ConnectionStrings:Workflow</c> with <c>Host=</c> means PostgreSQL (EF Core and
/// Hangfire both); anything else is the embedded SQLite file with in-memory Hangfire. On PostgreSQL, Hangfire gets a
/// pool of its own (<see cref="JobsConnectionString"/>), so background polling never waits behind requests or the
/// other way round, and <c>pg_stat_activity</c> tells the two apart by application name.
/// </summary>
public sealed record StorageSettings(bool IsPostgres, string ConnectionString, string JobsConnectionString, bool SeedDemoUsers)
{
    public const string ApplicationName = "WorkflowHost";
    public const string JobsApplicationSuffix = " jobs";

    public static StorageSettings From(IConfiguration configuration, WorkflowHostOptions options, string contentRoot, bool isDevelopment = false)
    {
        var configured = configuration.GetConnectionString("Workflow");
        var isPostgres = !string.IsNullOrWhiteSpace(configured) && configured.Contains("Host=", StringComparison.OrdinalIgnoreCase);
        string connection;
        if (isPostgres)
        {
            var api = WithPostgresDefaults(configured!, boundPool: true);
            // Hangfire's connections are bounded by its own threads (workers, schedulers, heartbeat); a request-sized
            // bound would make them wait on each other.
            var jobs = new Npgsql.NpgsqlConnectionStringBuilder(WithPostgresDefaults(configured!, boundPool: false));
            jobs.ApplicationName += JobsApplicationSuffix;
            return new StorageSettings(true, api, jobs.ConnectionString, options.SeedDemoUsers ?? false);
        }
        if (!string.IsNullOrWhiteSpace(configured)) connection = configured!;
        else
        {
            var directory = Path.IsPathRooted(options.DataDirectory) ? options.DataDirectory : Path.Combine(RepositoryRoot(contentRoot), options.DataDirectory);
            Directory.CreateDirectory(directory);
            connection = $"Data Source={Path.Combine(directory, "workflowhost.db")};Pooling=true";
        }
        // Demo users (admin/admin) only where someone runs the embedded default to try it: Development, or when asked.
        return new StorageSettings(false, connection, connection, options.SeedDemoUsers ?? isDevelopment);
    }

    /// <summary>`dotnet run --project src/WorkflowHost.Server` runs in the project folder; data/ belongs at the repository root.</summary>
    private static string RepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WorkflowHost.sln"))) return dir.FullName;
        return start;
    }

    /// <summary>
    /// Defaults for what the connection string leaves out; an explicit setting always wins.
    /// Prepared statements and no session reset per pooled connection cut PostgreSQL's CPU per task completion by
    /// about 30% in the load test (docs/benchmarks.md).
    /// The pool is bounded by the node's cores rather than Npgsql's 100: a request's database work alternates with
    /// CPU work on the node, so more connections than about two per core only queue inside PostgreSQL (more backends
    /// contending for the same cores and locks) instead of in the pool; in the load test 4 connections on 2 cores gave
    /// more completions/s and lower p95 than an unbounded pool. It also leaves room under PostgreSQL's default
    /// <c>max_connections</c> (100) for several nodes.
    /// </summary>
    private static string WithPostgresDefaults(string connection, bool boundPool)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connection);
        if (!Names(builder, "Max Auto Prepare")) builder.MaxAutoPrepare = 50;
        if (!Names(builder, "No Reset On Close")) builder.NoResetOnClose = true;
        if (boundPool && !Names(builder, "Maximum Pool Size")) builder.MaxPoolSize = DefaultMaxPoolSize;
        if (!Names(builder, "Application Name")) builder.ApplicationName = ApplicationName;
        return builder.ConnectionString;
    }

    /// <summary>Two connections per core of this node, at least 4.</summary>
    public static int DefaultMaxPoolSize => Math.Max(4, 2 * Environment.ProcessorCount);

    /// <summary>
    /// Whether the connection string set this keyword, under any of Npgsql's spellings: the builder writes back only
    /// the keywords that were set, each under its canonical name.
    /// </summary>
    private static bool Names(Npgsql.NpgsqlConnectionStringBuilder builder, string canonicalKeyword) =>
        builder.ConnectionString.Split(';').Any(part => part.StartsWith(canonicalKeyword + "=", StringComparison.OrdinalIgnoreCase));

    public string Describe() => IsPostgres ? "PostgreSQL + Hangfire.PostgreSql" : $"SQLite ({ConnectionString.Split(';')[0]}) + in-memory Hangfire";
}
