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
        if (isPostgres) connection = configured!;
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

    public string Describe() => IsPostgres ? "PostgreSQL + Hangfire.PostgreSql" : $"SQLite ({ConnectionString.Split(';')[0]}) + in-memory Hangfire";
}
