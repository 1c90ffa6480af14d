namespace WorkflowHost.Data;

/// <summary>
/// Recognises a unique-index violation by the database's error code, not its message text: SQLSTATE 23505 on
/// PostgreSQL, SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY on SQLite. EF Core and execution strategies wrap the provider's
/// exception, so the whole chain is searched.
/// </summary>
public static class UniqueViolation
{
    public static bool IsCauseOf(Exception exception, string? indexName = null) =>
        exception.AndCauses().Any(cause => cause switch
        {
            Npgsql.PostgresException pg => pg.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation && (indexName is null || pg.ConstraintName == indexName),
            // SQLite names the columns, not the index, in its message; the caller's index name cannot be checked there.
            Microsoft.Data.Sqlite.SqliteException lite => lite.SqliteExtendedErrorCode is 2067 or 1555,
            _ => false,
        });
}
