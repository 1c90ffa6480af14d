namespace WorkflowHost.Testing;

/// <summary>
/// A host's clock in a test's hand: set to any instant, forward or back (unlike FakeTimeProvider, which only
/// advances, so each test of a class can start its own working week whatever order the tests run in), advanced, or
/// set to a local date in Vietnam. A standing clock reads what it was last set to until it is set again; a running
/// clock goes on from there at real speed, for hosts that must see time pass (ordering by creation time, polling).
/// Thread-safe: the host reads it from request and job threads while the test sets it.
/// </summary>
/// <remarks>
/// Only the wall clock is set: timers and timestamps (<see cref="TimeProvider.CreateTimer"/>,
/// <see cref="TimeProvider.GetTimestamp"/>) stay on real time, so timeouts and retry delays behave as in production.
/// </remarks>
public sealed class SettableClock : TimeProvider
{
    private readonly bool _running;
    private Reading _reading;

    private SettableClock(DateTimeOffset start, bool running)
    {
        _running = running;
        _reading = new Reading(start, System.GetUtcNow());
    }

    /// <summary>A clock that stands at <paramref name="instant"/> until it is set again.</summary>
    public static SettableClock StandingAt(DateTimeOffset instant) => new(instant, running: false);

    /// <summary>
    /// A clock that stands at the real now, cut to whole seconds: both databases store such an instant exactly, so a
    /// due time computed from it compares equal after a round trip.
    /// </summary>
    public static SettableClock StandingAtNow() => StandingAt(DateTimeOffset.FromUnixTimeSeconds(System.GetUtcNow().ToUnixTimeSeconds()));

    /// <summary>A clock that reads <paramref name="instant"/> now and runs on from it at real speed.</summary>
    public static SettableClock RunningFrom(DateTimeOffset instant) => new(instant, running: true);

    /// <summary>What the clock reads; setting it moves the clock there (a running clock goes on from there).</summary>
    public DateTimeOffset Now
    {
        get => GetUtcNow();
        set => Volatile.Write(ref _reading, new Reading(value.ToUniversalTime(), System.GetUtcNow()));
    }

    public override DateTimeOffset GetUtcNow()
    {
        var reading = Volatile.Read(ref _reading);
        return _running ? reading.SetTo + (System.GetUtcNow() - reading.SetAt) : reading.SetTo;
    }

    /// <summary>Moves the clock on by <paramref name="duration"/> (back, when negative).</summary>
    public void Advance(TimeSpan duration) => Now = GetUtcNow() + duration;

    /// <summary>Moves the clock to the given local date and time in Vietnam (09:00 unless said: an office hour).</summary>
    public void SetLocal(int year, int month, int day, int hour = 9, int minute = 0) => Now = VietnamTime.At(year, month, day, hour, minute);

    /// <summary>The instant the clock was set to, and the real instant it was set at (one object, so a reader never sees half a change).</summary>
    private sealed record Reading(DateTimeOffset SetTo, DateTimeOffset SetAt);
}
