using WorkflowHost.Server.Notifications;

namespace WorkflowHost.Server.Tests.Notifications;

/// <summary>The relay's cursor over the push log: rows commit out of id order, some ids never commit.</summary>
public sealed class PushCursorTests
{
    private static readonly TimeSpan GapTimeout = TimeSpan.FromSeconds(30);
    private static TimeSpan At(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void Accept_SendsEachRowOnce_WhenTheLaterIdCommitsFirst()
    {
        var cursor = new PushCursor(10, GapTimeout);
        Assert.True(cursor.Accept(12, At(0))); // 11's transaction has not committed yet
        cursor.Advance(At(0));
        Assert.Equal((10L, 12L), (cursor.Settled, cursor.Highest));
        Assert.Equal([12L], cursor.SentAbove);

        // The next read sees 11 (and 12 again, had the reader not skipped it): only 11 is new.
        Assert.True(cursor.Accept(11, At(1)));
        Assert.False(cursor.Accept(12, At(1)));
        cursor.Advance(At(1));
        Assert.Equal((12L, 12L), (cursor.Settled, cursor.Highest));
        Assert.Empty(cursor.SentAbove);
        Assert.False(cursor.Accept(11, At(2)));
        Assert.False(cursor.Accept(9, At(2)));
    }

    [Fact]
    public void Advance_WaitsForAHole_UntilTheRowAfterItIsGapTimeoutOld_ThenGivesItUp()
    {
        var cursor = new PushCursor(0, GapTimeout);
        Assert.True(cursor.Accept(1, At(0)));
        Assert.True(cursor.Accept(4, At(5))); // 2 and 3: rolled back, or still open
        cursor.Advance(At(5));
        Assert.Equal(1L, cursor.Settled);

        cursor.Advance(At(34.9));
        Assert.Equal(1L, cursor.Settled);
        Assert.True(cursor.Accept(3, At(34.9))); // 3 committed late, within the wait: sent
        cursor.Advance(At(34.9));
        Assert.Equal(1L, cursor.Settled);

        cursor.Advance(At(35)); // 2 never came: given up once 3 has waited as long
        Assert.Equal(4L, cursor.Settled);
        Assert.False(cursor.Accept(2, At(36))); // a commit later than that is not pushed (the bell has it)
        Assert.True(cursor.Accept(5, At(36)));
    }
}
