namespace WorkflowHost.Server.Notifications;

/// <summary>
/// Settings under <c>WorkflowHost:LiveRelay</c> of the push relay between nodes (PostgreSQL only; the embedded
/// SQLite setup is one node and pushes straight to its hub).
/// </summary>
public sealed class LiveRelayOptions
{
    /// <summary>
    /// How often a node reads the push log without being woken: the fallback for a wake-up lost while its LISTEN
    /// connection was down (PostgreSQL keeps no notification for a listener that is not there).
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a hole in the log's ids is waited for: an id is handed out at insert, so a row can become visible
    /// after a higher one (its transaction committed later), or never (rolled back). A row committed later than this
    /// after the one that overtook it is not pushed; its notification is still in the bell.
    /// </summary>
    public TimeSpan GapTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Pushes older than this are deleted from the log (by any node, every few minutes).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Wait before a node tries again to LISTEN after its connection broke.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);
}
