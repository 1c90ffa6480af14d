namespace WorkflowHost.Testing.Tests;

public sealed class SettableClockTests
{
    private static readonly DateTimeOffset Monday = VietnamTime.At(2026, 12, 7, 8, 0);

    [Fact]
    public async Task StandingClock_ReadsTheSetInstant_UntilSetAgain_EvenBackwards()
    {
        var clock = SettableClock.StandingAt(Monday);
        await Task.Delay(20);
        Assert.Equal(Monday, clock.GetUtcNow());

        clock.Now = Monday.AddDays(3);
        Assert.Equal(Monday.AddDays(3), clock.Now);
        clock.Now = Monday.AddDays(-1);
        Assert.Equal(Monday.AddDays(-1), clock.GetUtcNow());
        Assert.Equal(TimeSpan.Zero, clock.GetUtcNow().Offset);
    }

    [Fact]
    public void Advance_MovesTheClockByTheDuration()
    {
        var clock = SettableClock.StandingAt(Monday);
        clock.Advance(TimeSpan.FromMinutes(115));
        Assert.Equal(Monday.AddMinutes(115), clock.Now);
        clock.Advance(TimeSpan.FromMinutes(-15));
        Assert.Equal(Monday.AddMinutes(100), clock.Now);
    }

    [Fact]
    public void SetLocal_ReadsThatWallClockTimeInVietnam()
    {
        var clock = SettableClock.StandingAt(Monday);
        clock.SetLocal(2025, 7, 1);
        Assert.Equal(new DateTimeOffset(2025, 7, 1, 2, 0, 0, TimeSpan.Zero), clock.Now); // 09:00 in Vietnam
        clock.SetLocal(2025, 6, 30, 16, 45);
        Assert.Equal(new DateTimeOffset(2025, 6, 30, 9, 45, 0, TimeSpan.Zero), clock.Now);
    }

    [Fact]
    public async Task RunningClock_GoesOnFromTheSetInstant_AtRealSpeed()
    {
        var clock = SettableClock.RunningFrom(Monday);
        await Task.Delay(50);
        var read = clock.GetUtcNow();
        Assert.InRange(read - Monday, TimeSpan.FromMilliseconds(40), TimeSpan.FromMinutes(1));

        clock.SetLocal(2025, 7, 1);
        await Task.Delay(50);
        Assert.InRange(clock.Now - VietnamTime.At(2025, 7, 1, 9), TimeSpan.FromMilliseconds(40), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void StandingAtNow_IsTheRealNowInWholeSeconds()
    {
        var before = DateTimeOffset.UtcNow;
        var clock = SettableClock.StandingAtNow();
        Assert.Equal(0, clock.Now.Ticks % TimeSpan.TicksPerSecond);
        Assert.InRange(clock.Now, before.AddSeconds(-1), DateTimeOffset.UtcNow);
    }
}
