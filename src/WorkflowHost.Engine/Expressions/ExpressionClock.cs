using System.Globalization;
using Jint.Runtime;

namespace WorkflowHost.Engine.Expressions;

/// <summary>
/// The instant expressions see as "now" (<c>Date.now()</c>, <c>new Date()</c>). The engine sets it to the command's
/// <c>now</c> for the duration of a command, so the same command on the same state gives the same result.
/// Outside a command (tests, tools) expressions see the system clock.
/// </summary>
public static class ExpressionClock
{
    [ThreadStatic] private static DateTimeOffset? _current;

    internal static DateTimeOffset? Current => _current;

    /// <summary>Sets "now" for expressions evaluated on this thread until the returned scope is disposed.</summary>
    public static IDisposable Use(DateTimeOffset now)
    {
        var previous = _current;
        _current = now;
        return new Scope(previous);
    }

    private sealed class Scope(DateTimeOffset? previous) : IDisposable
    {
        public void Dispose() => _current = previous;
    }
}

/// <summary>Jint's time system with "now" taken from <see cref="ExpressionClock"/>.</summary>
internal sealed class CommandTimeSystem : ITimeSystem
{
    private readonly DefaultTimeSystem _inner = new(TimeZoneInfo.Utc, CultureInfo.InvariantCulture);

    public DateTimeOffset GetUtcNow() => ExpressionClock.Current?.ToUniversalTime() ?? _inner.GetUtcNow();
    public TimeZoneInfo DefaultTimeZone => _inner.DefaultTimeZone;
    public bool TryParse(string date, out long epochMilliseconds) => _inner.TryParse(date, out epochMilliseconds);
    public TimeSpan GetUtcOffset(long epochMilliseconds) => _inner.GetUtcOffset(epochMilliseconds);
}
