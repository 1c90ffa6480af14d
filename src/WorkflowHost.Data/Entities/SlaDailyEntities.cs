namespace WorkflowHost.Data.Entities;

/// <summary>
/// The SLA report's daily rollup: per competent unit, procedure and local day, what the province-wide report would
/// otherwise count over every dossier (issue 11, docs/sla-dashboard.md). Written only by database triggers on
/// <c>dossiers</c> in the transaction of the dossier's own change (migration <c>SlaDailyRollup</c>), and rebuilt whole
/// from the dossiers when its <see cref="SlaRollupStateEntity"/> row is missing or names another time zone. Dossiers
/// refused (3) or not yet accepted (1) count nowhere, as in the live report.
/// </summary>
/// <remarks>
/// A dossier adds to at most two rows: the day it was received (<see cref="Received"/>, <see cref="Open"/>,
/// <see cref="Paused"/>) and the day it finished (the rest), a finish before the receipt's day counting on the
/// receipt's day. Counts never go below zero; a row whose counts all fell back to zero stays.
/// </remarks>
public sealed class SlaDailyEntity
{
    public required string UnitCode { get; set; }
    public required string ProcedureCode { get; set; }
    /// <summary>The local day (the centre's time zone) of the receipt or the finish.</summary>
    public DateOnly Day { get; set; }
    /// <summary>Accepted dossiers received on the day.</summary>
    public int Received { get; set; }
    /// <summary>Of those, the ones not finished now.</summary>
    public int Open { get; set; }
    /// <summary>Of the open ones, those awaiting supplement (5) or payment (6) now.</summary>
    public int Paused { get; set; }
    /// <summary>Accepted dossiers finished on the day, in any status.</summary>
    public int Finished { get; set; }
    /// <summary>Finished on the day as processed, returned or withdrawn (7, 9, 10), graded as the live report grades.</summary>
    public int Early { get; set; }
    public int OnTime { get; set; }
    public int Late { get; set; }
    /// <summary>Finished on the day with handling stopped (8).</summary>
    public int Stopped { get; set; }
}

/// <summary>
/// The rollup's one state row: which time zone its days are counted in and when it was last rebuilt. Without it the
/// triggers write nothing and the report counts live; start-up rebuilds the rollup and writes it.
/// </summary>
public sealed class SlaRollupStateEntity
{
    /// <summary>Always 1.</summary>
    public int Id { get; set; }
    /// <summary>IANA time zone id; PostgreSQL computes local days with it.</summary>
    public required string Zone { get; set; }
    /// <summary>The zone's offset from UTC; SQLite computes local days with it (Vietnam keeps one offset all year).</summary>
    public int OffsetMinutes { get; set; }
    public DateTimeOffset BuiltAt { get; set; }
}
