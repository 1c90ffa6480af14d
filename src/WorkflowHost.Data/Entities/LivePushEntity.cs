namespace WorkflowHost.Data.Entities;

/// <summary>
/// One live push (a SignalR message to a group) committed with what caused it, for nodes that share a PostgreSQL
/// database: every node tails this log in <see cref="Id"/> order and sends each row once to its own connections, so a
/// person connected to any node hears of a breach that fired on another. The rows are a delivery log, not the truth:
/// the notifications themselves stay in <c>notifications</c> (the bell loads them), and rows older than the relay's
/// retention are deleted. The embedded SQLite setup is one node and never writes here.
/// </summary>
public sealed class LivePushEntity
{
    /// <summary>Increasing in insert order; not in commit order, which is why readers track gaps.</summary>
    public long Id { get; set; }
    /// <summary>The SignalR group, e.g. <c>user:leader.hai-chau</c> or <c>unit:20242</c>.</summary>
    public required string Group { get; set; }
    /// <summary>The client method, e.g. <c>notification</c> or <c>breach</c>.</summary>
    public required string Method { get; set; }
    /// <summary>The message's one argument as JSON, exactly as a local push would have serialised it.</summary>
    public required string Payload { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
