namespace WorkflowHost.Data.Entities;

/// <summary>
/// One saved version of a province's routing table (rows, land registration branches, version selection rules) as
/// the JSON of <c>workflows/routing/</c>. Append-only: a save adds the next version, so a dossier's recorded
/// (rule, version) can always be looked up again.
/// </summary>
public sealed class RoutingTableEntity
{
    public required string Province { get; set; }
    public int Version { get; set; }
    public required string Json { get; set; }
    public DateTimeOffset SavedAt { get; set; }
    public required string SavedBy { get; set; }
    public string? Note { get; set; }
}

/// <summary>
/// A movement of a dossier's paper originals between centres (sent by post, received), with the carrier's tracking
/// number. Append-only; shown on the dossier and on its slip.
/// </summary>
public sealed class CustodyEventEntity
{
    public long Id { get; set; }
    public Guid DossierId { get; set; }
    /// <summary>sent or received.</summary>
    public required string Kind { get; set; }
    public required string FromUnit { get; set; }
    public required string ToUnit { get; set; }
    public string? TrackingNumber { get; set; }
    public string? Carrier { get; set; }
    public DateTimeOffset At { get; set; }
    public string? By { get; set; }
    public string? Note { get; set; }
}
