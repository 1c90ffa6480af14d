namespace WorkflowHost.Data.Entities;

/// <summary>Values of <see cref="InstanceEntity.Status"/>.</summary>
public static class InstanceRowStatus
{
    public const string Active = "active";
    /// <summary>Active, but a token stopped on an open incident.</summary>
    public const string Incident = "incident";
    public const string Completed = "completed";
    public const string Terminated = "terminated";
}

/// <summary>
/// One process instance (a dossier's run of a procedure). The engine state is a JSON column; what people query
/// (status, key, business key) are indexed columns. <see cref="Revision"/> guards concurrent writers: every update
/// names the revision it was computed from in <see cref="PreviousRevision"/>, and a trigger in the database refuses
/// the update (and with it the whole write) when that is no longer the stored revision — so two nodes advancing the
/// same instance cannot both commit, even when the write is sent without an explicit transaction.
/// </summary>
public sealed class InstanceEntity
{
    public Guid Id { get; set; }
    public required string DefinitionKey { get; set; }
    public int DefinitionVersion { get; set; }
    public string? BusinessKey { get; set; }
    /// <summary>One of <see cref="InstanceRowStatus"/>.</summary>
    public required string Status { get; set; }
    public required string StateJson { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? StartedBy { get; set; }
    /// <summary>The dossier this instance runs, if it was started by a receipt.</summary>
    public Guid? DossierId { get; set; }
    public Guid Revision { get; set; }
    /// <summary>The revision this write was computed from (null on the insert that creates the row).</summary>
    public Guid? PreviousRevision { get; set; }
}
