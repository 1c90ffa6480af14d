using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;

namespace WorkflowHost.Server.Extensions;

/// <summary>
/// The host's defences that are not about one resource (docs/security.md): response headers, sign-in rate limits,
/// Data Protection keys shared through the database, sessions checked against the account, and HTTPS behind a
/// reverse proxy.
/// </summary>
public static class SecurityExtensions
{
    /// <summary>Name of the rate limiting policy on POST /api/auth/login and /api/auth/token.</summary>
    public const string SignInPolicy = "sign-in";

    /// <summary>
    /// Data Protection keys (they encrypt session cookies and bearer tokens) are kept in the database every node
    /// shares, so a cookie issued by one node works on another and survives restarts and redeployments.
    /// </summary>
    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection()
            .SetApplicationName("WorkflowHost")
            .PersistKeysToDbContext<WorkflowDbContext>();
        return services;
    }

    /// <summary>
    /// Login and token requests are limited per client address and user name (guessing one account's password) and
    /// per client address (trying many accounts). A refused attempt answers 429 problem+json with Retry-After and is
    /// not checked against the password at all.
    /// </summary>
    public static IServiceCollection AddLoginRateLimiting(this IServiceCollection services, WorkflowHostOptions options)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests, Title = "Too many sign-in attempts",
                        Detail = "Too many sign-in attempts from this address; wait a minute and try again.",
                        Instance = context.HttpContext.Request.Path,
                    },
                });
            };
            limiter.AddPolicy(SignInPolicy, http =>
            {
                var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.LoginAttemptsPerAddress, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                });
            });
        });
        return services;
    }

    /// <summary>
    /// The per-user half of the sign-in limit: the user name is in the JSON body, which the rate limiter's partition
    /// callback cannot read, so the sign-in handlers ask this before checking a password.
    /// </summary>
    public sealed class SignInAttempts(IOptions<WorkflowHostOptions> options)
    {
        private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
            RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.Value.LoginAttemptsPerUser, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
            }));

        /// <summary>False when this address has used up its attempts for this user name in the current minute.</summary>
        public bool TryAcquire(HttpContext http, string userName)
        {
            var key = $"{http.Connection.RemoteIpAddress}|{userName.Trim().ToUpperInvariant()}";
            using var lease = _limiter.AttemptAcquire(key);
            return lease.IsAcquired;
        }
    }

    /// <summary>Registers the security services: rate limits, shared keys, the session check, forwarded headers and HSTS.</summary>
    public static IServiceCollection AddWorkflowHostSecurity(this IServiceCollection services, WorkflowHostOptions options)
    {
        services.AddSharedDataProtection();
        services.AddLoginRateLimiting(options);
        services.AddSingleton<SignInAttempts>();
        services.AddMemoryCache();
        services.Configure<ForwardedHeadersOptions>(f =>
        {
            // Behind a reverse proxy that terminates TLS; the proxy's address must be trusted explicitly in production
            // (WorkflowHost:TrustedProxies), loopback is trusted by default.
            f.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            foreach (var proxy in options.TrustedProxies)
            {
                if (proxy.Contains('/', StringComparison.Ordinal)) f.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
                else f.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
        services.AddHsts(h =>
        {
            h.MaxAge = TimeSpan.FromDays(365);
            h.IncludeSubDomains = true;
        });
        return services;
    }

    /// <summary>
    /// Middleware, in order: forwarded headers (so HTTPS behind a proxy is seen as HTTPS), HSTS outside Development,
    /// security headers on every response.
    /// </summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.Use((context, next) =>
        {
            // Set as the answer starts, so answers the exception handler rewrites (it clears headers) carry them too.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers.ContentSecurityPolicy = ContentSecurityPolicy.For(context.Request.Path);
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    /// <summary>
    /// After authentication: a session (cookie or bearer token) whose account has since been locked out, deleted, had
    /// its security stamp changed (password changed, sessions revoked) or its roles changed is treated as signed out. The answer per account and
    /// stamp is cached for <see cref="WorkflowHostOptions.SecurityStampValidationInterval"/>, so this costs one small
    /// query per user per interval on each node.
    /// </summary>
    public static WebApplication UseSessionRevocation(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var principal = context.User;
            // The default scheme is the cookie; a bearer token is only read by the endpoint's policy, later. Read it here
            // too, so both kinds of session are checked the same way.
            if (principal.Identity?.IsAuthenticated != true && context.Request.Headers.Authorization.Count > 0)
            {
                var bearer = await context.AuthenticateAsync(IdentityConstants.BearerScheme);
                if (bearer.Succeeded) principal = bearer.Principal!;
            }
            if (principal.Identity?.IsAuthenticated == true && !await SessionStillValidAsync(context, principal))
            {
                if (principal.Identity.AuthenticationType == IdentityConstants.ApplicationScheme)
                    await context.SignOutAsync(IdentityConstants.ApplicationScheme);
                if (context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null)
                {
                    // Endpoint policies authenticate again by themselves, so replacing context.User would not be enough.
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return;
                }
                context.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
            }
            await next(context);
        });
        return app;
    }

    private static async Task<bool> SessionStillValidAsync(HttpContext context, System.Security.Claims.ClaimsPrincipal principal)
    {
        var identity = context.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var userId = principal.FindFirst(identity.UserIdClaimType)?.Value;
        var stamp = principal.FindFirst(identity.SecurityStampClaimType)?.Value;
        if (userId is null || stamp is null) return false;
        var interval = context.RequestServices.GetRequiredService<IOptions<WorkflowHostOptions>>().Value.SecurityStampValidationInterval;
        var cache = context.RequestServices.GetRequiredService<IMemoryCache>();
        var key = SessionCache.Key(userId, stamp);
        if (interval > TimeSpan.Zero && cache.TryGetValue(key, out bool cached)) return cached;
        var db = context.RequestServices.GetRequiredService<WorkflowDbContext>();
        var now = DateTimeOffset.UtcNow;
        var account = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.SecurityStamp, u.LockoutEnabled, u.LockoutEnd }).SingleOrDefaultAsync(context.RequestAborted);
        var valid = account is not null && account.SecurityStamp == stamp && !(account.LockoutEnabled && account.LockoutEnd > now);
        if (valid)
        {
            // Identity does not renew the stamp when roles change, so the roles are compared as well.
            var roles = await db.UserRoles.Where(ur => ur.UserId == userId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
                .ToListAsync(context.RequestAborted);
            var claimed = principal.FindAll(identity.RoleClaimType).Select(c => c.Value);
            valid = roles.ToHashSet(StringComparer.Ordinal).SetEquals(claimed);
        }
        if (interval > TimeSpan.Zero) cache.Set(key, valid, interval);
        return valid;
    }
}

/// <summary>
/// Content-Security-Policy per path. The API answers JSON and XML that no browser should run or frame; the web app at
/// <c>/</c> (a Vite build: its own scripts and styles only) gets a strict policy; the API docs page (Scalar) needs
/// inline configuration and its bundled script, so only <c>/api/docs</c> gets a looser one.
/// </summary>
public static class ContentSecurityPolicy
{
    /// <summary>For API answers and downloads: nothing may load, run or frame them.</summary>
    public const string Api = "default-src 'none'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>For the web app's pages.</summary>
    public const string WebApp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

    /// <summary>For /api/docs only: Scalar (its bundle served from /api/docs/scalar.js) starts from an inline module script and loads its fonts from fonts.scalar.com.</summary>
    public const string ApiDocs = "default-src 'self'; script-src 'self' 'unsafe-inline'; " +
        "style-src 'self' 'unsafe-inline' https://fonts.scalar.com; font-src 'self' data: https://fonts.scalar.com; img-src 'self' data: blob:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

    /// <summary>For the Hangfire dashboard (admins only): its pages carry small inline scripts.</summary>
    public const string Dashboard = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

    public static string For(PathString path)
    {
        if (path.StartsWithSegments("/api/docs")) return ApiDocs;
        if (path.StartsWithSegments("/hangfire")) return Dashboard;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/health")) return Api;
        return WebApp;
    }
}
