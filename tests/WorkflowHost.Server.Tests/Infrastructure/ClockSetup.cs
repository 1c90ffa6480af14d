using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Testing;

namespace WorkflowHost.Server.Tests.Infrastructure;

/// <summary>
/// A host on a clock the test sets: the domain (deadlines, reminders, timers, routing by receipt date) reads
/// <see cref="Clock"/>. Sign-in cookies, tokens and security stamps keep real time, so a client signed in before the
/// clock moves by days, or back by a year, stays signed in.
/// </summary>
public class ClockSetup(SettableClock clock) : HostSetup
{
    public SettableClock Clock { get; } = clock;

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
        services.PostConfigureAll<CookieAuthenticationOptions>(o => o.TimeProvider = TimeProvider.System);
        services.PostConfigureAll<BearerTokenOptions>(o => o.TimeProvider = TimeProvider.System);
        services.PostConfigure<SecurityStampValidatorOptions>(o => o.TimeProvider = TimeProvider.System);
    }
}
