namespace WorkflowHost.Data.Entities;

/// <summary>
/// One change an admin (or the person themselves) made to an account: who, when, what. Written in the same
/// transaction as the change, never updated or deleted, read back by <c>GET /api/users/{userName}/audit</c>.
/// </summary>
public sealed class UserAuditEntity
{
    public Guid Id { get; set; }
    /// <summary>The account changed.</summary>
    public required string UserName { get; set; }
    /// <summary>What was done: created, updated, password-reset, password-set, password-changed, deactivated, reactivated.</summary>
    public required string Action { get; set; }
    /// <summary>Who did it (user name).</summary>
    public required string Actor { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>What changed, for a person to read ("roles: officer → officer, leader"); never a password.</summary>
    public required string Details { get; set; }
}
