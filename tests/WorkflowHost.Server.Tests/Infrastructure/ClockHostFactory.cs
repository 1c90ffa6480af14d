using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Testing;

namespace WorkflowHost.Server.Tests.Infrastructure;

/// <summary>
/// A host on a clock the test sets: the domain (deadlines, reminders, timers, routing by receipt date) reads
/// <paramref name="clock"/>. Sign-in cookies, tokens and security stamps keep real time, so a client signed in before
/// the clock moves by days, or back by a year, stays signed in.
/// </summary>
public sealed class ClockHostFactory(IReadOnlyDictionary<string, string?> settings, RecentLogs logs, SettableClock clock) : WorkflowHostFactory(settings, logs)
{
    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(clock);
        services.PostConfigureAll<CookieAuthenticationOptions>(o => o.TimeProvider = TimeProvider.System);
        services.PostConfigureAll<BearerTokenOptions>(o => o.TimeProvider = TimeProvider.System);
        services.PostConfigure<SecurityStampValidatorOptions>(o => o.TimeProvider = TimeProvider.System);
    }
}

/// <summary>A fixture whose host runs on a clock the tests set.</summary>
public interface IClockFixture
{
    SettableClock Clock { get; }
}
