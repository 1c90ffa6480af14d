using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;

namespace WorkflowHost.Server.Services.Reports;

/// <summary>
/// The daily rollup behind the SLA report (<c>sla_daily</c>). Triggers on <c>dossiers</c> keep it current in the
/// transaction of every change, whoever writes (EF, a bulk UPDATE, plain SQL); this class only says whether it can be
/// read and builds it whole when it cannot: at the first start after the migration (backfill), after a seed that bypassed
/// the triggers (it deletes the state row), or when the configured time zone changed. While it is not built the triggers
/// write nothing and the report counts live.
/// </summary>
public sealed class SlaRollup(WorkflowDbContext db, OneStopData data, TimeProvider clock, ILogger<SlaRollup> logger)
{
    private int OffsetMinutes => (int)data.Zone.BaseUtcOffset.TotalMinutes;

    private bool IsPostgres => db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;

    /// <summary>Whether the rollup is built and counts days in the configured zone.</summary>
    public Task<bool> IsReadyAsync(CancellationToken ct)
    {
        var zone = data.Zone.Id;
        var offset = OffsetMinutes;
        return db.SlaRollupState.AsNoTracking().AnyAsync(s => s.Id == 1 && s.Zone == zone && s.OffsetMinutes == offset, ct);
    }

    /// <summary>Builds the rollup unless it is ready; start-up calls it after the migrations (one node at a time).</summary>
    public async Task EnsureBuiltAsync(CancellationToken ct)
    {
        if (!await IsReadyAsync(ct)) await RebuildAsync(ct);
    }

    /// <summary>
    /// Recounts the rollup from every dossier in one transaction; returns the rows written. On PostgreSQL the dossiers
    /// are locked against writes (not reads) for its duration, so no change falls between the recount and the triggers.
    /// </summary>
    public async Task<int> RebuildAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var rows = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (IsPostgres) await db.Database.ExecuteSqlRawAsync("LOCK TABLE dossiers IN SHARE MODE", ct);
            await db.SlaDaily.ExecuteDeleteAsync(ct);
            await db.SlaRollupState.ExecuteDeleteAsync(ct);
            db.SlaRollupState.Add(new SlaRollupStateEntity { Id = 1, Zone = data.Zone.Id, OffsetMinutes = OffsetMinutes, BuiltAt = clock.GetUtcNow() });
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            // A province's recount takes seconds (about 4 s for 1,000,000 dossiers on PostgreSQL), more than a request may.
            var timeout = db.Database.GetCommandTimeout();
            db.Database.SetCommandTimeout(RecountTimeout);
            try
            {
                var written = IsPostgres
                    ? await db.Database.ExecuteSqlRawAsync(PostgresRecount, [data.Zone.Id], ct)
                    : await db.Database.ExecuteSqlRawAsync(SqliteRecount, ct);
                await transaction.CommitAsync(ct);
                return written;
            }
            finally { db.Database.SetCommandTimeout(timeout); }
        });
        logger.LogInformation("SLA rollup rebuilt: {Rows} rows of sla_daily in {Seconds:F1} s (zone {Zone})", rows, watch.Elapsed.TotalSeconds, data.Zone.Id);
        return rows;
    }

    private static readonly TimeSpan RecountTimeout = TimeSpan.FromMinutes(30);

    private const string Sums = """
        SUM(p."Received"), SUM(p."Open"), SUM(p."Paused"), SUM(p."Finished"), SUM(p."Early"), SUM(p."OnTime"), SUM(p."Late"), SUM(p."Stopped")
        """;

    private const string Insert = """
        INSERT INTO sla_daily ("UnitCode", "ProcedureCode", "Day", "Received", "Open", "Paused", "Finished", "Early", "OnTime", "Late", "Stopped")
        """;

    // The same definition of a dossier's parts as the triggers use (migration SlaDailyRollup): a function on PostgreSQL,
    // a view on SQLite. The zone is a parameter, not a sub-select: PostgreSQL inlines the function only then (4 s instead
    // of a function call per dossier, over 30 s, for 1,000,000 dossiers).
    private const string PostgresRecount = $$"""
        {{Insert}}
        SELECT p."UnitCode", p."ProcedureCode", p."Day", {{Sums}}
        FROM dossiers d CROSS JOIN LATERAL sla_dossier_parts(d, {0}) p
        GROUP BY p."UnitCode", p."ProcedureCode", p."Day"
        """;

    private const string SqliteRecount = $"""
        {Insert}
        SELECT p."UnitCode", p."ProcedureCode", p."Day", {Sums}
        FROM sla_dossier_parts p
        GROUP BY p."UnitCode", p."ProcedureCode", p."Day"
        """;
}
