namespace WorkflowHost.Server.Extensions;

/// <summary>
/// Which database this node uses: <c>ConnectionStrings:Workflow</c> with <c>Host=</c> means PostgreSQL (EF Core and
/// Hangfire both); anything else is the embedded SQLite file with in-memory Hangfire.
/// </summary>
public sealed record StorageSettings(bool IsPostgres, string ConnectionString, bool SeedDemoUsers)
{
    public static StorageSettings From(IConfiguration configuration, WorkflowHostOptions options, string contentRoot)
    {
        var configured = configuration.GetConnectionString("Workflow");
        var isPostgres = !string.IsNullOrWhiteSpace(configured) && configured.Contains("Host=", StringComparison.OrdinalIgnoreCase);
        string connection;
        if (isPostgres) connection = WithPostgresDefaults(configured!);
        else if (!string.IsNullOrWhiteSpace(configured)) connection = configured!;
        else
        {
            var directory = Path.IsPathRooted(options.DataDirectory) ? options.DataDirectory : Path.Combine(RepositoryRoot(contentRoot), options.DataDirectory);
            Directory.CreateDirectory(directory);
            connection = $"Data Source={Path.Combine(directory, "workflowhost.db")};Pooling=true";
        }
        return new StorageSettings(isPostgres, connection, options.SeedDemoUsers ?? !isPostgres);
    }

    /// <summary>`dotnet run --project src/WorkflowHost.Server` runs in the project folder; data/ belongs at the repository root.</summary>
    private static string RepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WorkflowHost.sln"))) return dir.FullName;
        return start;
    }

    /// <summary>
    /// Prepared statements and no session reset per pooled connection cut PostgreSQL's CPU per task completion by
    /// about 30% in the load test (docs/benchmarks.md); an explicit setting in the connection string wins.
    /// </summary>
    private static string WithPostgresDefaults(string connection)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connection);
        var written = connection.Replace(" ", "", StringComparison.Ordinal);
        if (!written.Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)) builder.MaxAutoPrepare = 50;
        if (!written.Contains("NoResetOnClose", StringComparison.OrdinalIgnoreCase)) builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    public string Describe() => IsPostgres ? "PostgreSQL + Hangfire.PostgreSql" : $"SQLite ({ConnectionString.Split(';')[0]}) + in-memory Hangfire";
}
