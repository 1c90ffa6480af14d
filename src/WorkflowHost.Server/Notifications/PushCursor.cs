namespace WorkflowHost.Server.Notifications;

/// <summary>
/// Which rows of the push log one node has sent, so each is sent exactly once though rows do not appear in id order.
/// PostgreSQL hands out an identity at insert, but a row is visible only once its transaction commits: two firings
/// on two nodes can commit 8 before 7. So the cursor keeps <see cref="Settled"/> (every id up to it was sent or given
/// up) and the ids above it already sent; a hole below a sent id is waited for until <c>gapTimeout</c> after a row above
/// it was first seen, then given up (a rolled-back insert leaves a hole forever). Not thread-safe: one relay loop
/// owns it. Times are monotonic (elapsed since the node started), never the host's business clock.
/// </summary>
public sealed class PushCursor(long settled, TimeSpan gapTimeout)
{
    private readonly SortedDictionary<long, TimeSpan> _sentAbove = [];

    /// <summary>Every id up to this one was sent or given up.</summary>
    public long Settled { get; private set; } = settled;

    /// <summary>The highest id sent (or <see cref="Settled"/>); rows above it are all new.</summary>
    public long Highest => _sentAbove.Count == 0 ? Settled : _sentAbove.Keys.Last();

    /// <summary>Ids above <see cref="Settled"/> already sent: the readers skip them while a hole below them is open.</summary>
    public IReadOnlyCollection<long> SentAbove => _sentAbove.Keys;

    /// <summary>True the first time a visible row is offered (send it), false for one sent or given up before.</summary>
    public bool Accept(long id, TimeSpan now)
    {
        if (id <= Settled || _sentAbove.ContainsKey(id)) return false;
        _sentAbove.Add(id, now);
        return true;
    }

    /// <summary>Moves <see cref="Settled"/> over the ids sent in a row, and over holes waited for long enough.</summary>
    public void Advance(TimeSpan now)
    {
        while (_sentAbove.Count > 0)
        {
            var first = _sentAbove.Keys.First();
            // The hole below `first` is known since the earliest row seen above it.
            if (first != Settled + 1 && now - _sentAbove.Values.Min() < gapTimeout) return;
            _sentAbove.Remove(first);
            Settled = first;
        }
    }
}
