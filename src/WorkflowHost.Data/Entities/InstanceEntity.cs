namespace WorkflowHost.Data.Entities;

/// <summary>
/// One process instance (a dossier's run of a procedure). The engine state is a JSON column; what people query
/// (status, key, business key) are indexed columns. <see cref="Revision"/> is the optimistic concurrency token:
/// two nodes advancing the same instance cannot both commit.
/// </summary>
public sealed class InstanceEntity
{
    public Guid Id { get; set; }
    public required string DefinitionKey { get; set; }
    public int DefinitionVersion { get; set; }
    public string? BusinessKey { get; set; }
    /// <summary>active, completed, terminated or incident.</summary>
    public required string Status { get; set; }
    public required string StateJson { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? StartedBy { get; set; }
    public Guid Revision { get; set; }
}
