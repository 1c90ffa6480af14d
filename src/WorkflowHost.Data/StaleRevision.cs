using Microsoft.EntityFrameworkCore;

namespace WorkflowHost.Data;

/// <summary>
/// Recognises the refusal of the instances trigger (migration InstanceRevisionGuard): the write was computed from a
/// revision another writer has already replaced.
/// </summary>
public static class StaleRevision
{
    /// <summary>The text both databases' triggers raise.</summary>
    public const string Marker = "stale instance revision";

    /// <summary>
    /// Looks through the whole chain: EF Core wraps the database's error in a DbUpdateException, and Npgsql's execution
    /// strategy wraps that again in an InvalidOperationException because PostgreSQL reports it as a serialization failure
    /// (a transient error) when the write ran in an explicit transaction.
    /// </summary>
    public static bool IsCauseOf(Exception exception) =>
        exception.AndCauses().Any(cause => cause is not DbUpdateException && cause.Message.Contains(Marker, StringComparison.Ordinal));
}
