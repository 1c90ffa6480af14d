using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace WorkflowHost.Server.Notifications;

/// <summary>
/// The live-notification connections this node holds, per person. A connection is authorised once, when it opens,
/// and then keeps receiving its units' breaches; when an admin deactivates an account or moves it to another unit,
/// its connections here are closed, and the reconnect is checked against the account like any request.
/// </summary>
public sealed class LiveConnections
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> _byUser = new(StringComparer.Ordinal);

    public void Add(string userName, HubCallerContext connection) =>
        _byUser.GetOrAdd(userName, _ => new(StringComparer.Ordinal))[connection.ConnectionId] = connection;

    public void Remove(string userName, string connectionId)
    {
        if (_byUser.TryGetValue(userName, out var connections)) connections.TryRemove(connectionId, out _);
    }

    /// <summary>Closes every connection of the person on this node; answers how many there were.</summary>
    public int Close(string userName)
    {
        if (!_byUser.TryRemove(userName, out var connections)) return 0;
        foreach (var connection in connections.Values) connection.Abort();
        return connections.Count;
    }
}
