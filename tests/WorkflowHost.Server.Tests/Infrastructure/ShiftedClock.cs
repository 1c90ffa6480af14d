using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace WorkflowHost.Server.Tests.Infrastructure;

/// <summary>
/// The host's clock, moved to a chosen moment and running on from there (unlike <see cref="SettableClock"/>, which stands still): receipts "on 2025-06-30" and "on 2025-07-01"
/// are evaluated by the real routing and catalogue code on those days. Only the domain's clock moves; sign-in cookies
/// and tokens keep real time, so a client signed in before the move stays signed in.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private static readonly TimeZoneInfo Vietnam = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
    private TimeSpan _offset;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;

    /// <summary>Moves the clock so that it now reads <paramref name="local"/> in Vietnam (UTC+7).</summary>
    public void SetLocal(int year, int month, int day, int hour = 9, int minute = 0)
    {
        var target = new DateTimeOffset(year, month, day, hour, minute, 0, Vietnam.BaseUtcOffset);
        _offset = target - System.GetUtcNow();
    }

    /// <summary>Registers this clock as the host's <see cref="TimeProvider"/>, leaving authentication on real time.</summary>
    public void Register(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(this);
        services.PostConfigureAll<CookieAuthenticationOptions>(o => o.TimeProvider = System);
        services.PostConfigureAll<BearerTokenOptions>(o => o.TimeProvider = System);
        services.PostConfigure<SecurityStampValidatorOptions>(o => o.TimeProvider = System);
    }
}

/// <summary>A host whose clock a test can move.</summary>
public sealed class ShiftedClockHostFactory(IReadOnlyDictionary<string, string?> settings, RecentLogs logs, ShiftedClock clock) : WorkflowHostFactory(settings, logs)
{
    protected override void ConfigureTestServices(IServiceCollection services) => clock.Register(services);
}

/// <summary>A fixture with the shipped procedures, routing tables and a movable clock.</summary>
public interface IShiftedClockFixture
{
    ShiftedClock Clock { get; }
}
