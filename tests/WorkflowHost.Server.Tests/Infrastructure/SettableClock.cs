namespace WorkflowHost.Server.Tests.Infrastructure;

/// <summary>
/// The host's clock, set by the test to any instant (also backwards, so each test of a class starts on the working
/// day it needs). Timers created through it run on real time; only "now" is the test's.
/// </summary>
public sealed class SettableClock(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref _utcTicks, now.UtcTicks);
}

/// <summary>A fixture whose host runs on a clock the tests set.</summary>
public interface IClockFixture
{
    SettableClock Clock { get; }
}
