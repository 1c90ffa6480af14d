using WorkflowHost.Data;

namespace WorkflowHost.Server.Extensions;

/// <summary>
/// Recognises a request that waited its whole connection timeout for a pooled PostgreSQL connection: every connection
/// of this node's bounded pool was busy. That is load, not a fault, so the caller is told to retry (503), not 500.
/// </summary>
public static class DatabaseBusy
{
    /// <summary>Seconds a caller is asked to wait before retrying.</summary>
    public const int RetryAfterSeconds = 2;

    /// <summary>
    /// Npgsql reports an exhausted pool as an NpgsqlException caused by a TimeoutException; EF Core's execution strategy
    /// may wrap it again, so the whole chain is searched.
    /// </summary>
    public static bool IsCauseOf(Exception exception) =>
        exception.AndCauses().Any(cause => cause is Npgsql.NpgsqlException { InnerException: TimeoutException }
            && cause.Message.Contains("pool", StringComparison.OrdinalIgnoreCase));
}
