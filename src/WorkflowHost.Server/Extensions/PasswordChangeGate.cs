using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace WorkflowHost.Server.Extensions;

/// <summary>
/// A person signed in with a temporary password an admin gave them may only choose their own password (and see who
/// they are, or sign out): every other API call (and the Hangfire dashboard) answers 403 until they do. Enforced here, not in the web app, so the
/// temporary password cannot be used for anything else through the API either.
/// </summary>
public static class PasswordChangeGate
{
    /// <summary>Claim present (value "true") while the account must choose a new password.</summary>
    public const string Claim = "wh:must-change-password";

    private static readonly string[] Allowed = ["/api/me/password", "/api/auth/me", "/api/auth/logout", "/api/auth/login", "/api/auth/token"];

    public static WebApplication UsePasswordChangeGate(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if ((context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hangfire")) && !Allowed.Any(path => context.Request.Path.Equals(path, StringComparison.OrdinalIgnoreCase))
                && await MustChangeAsync(context))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = 403, Title = "Choose your own password first", Instance = context.Request.Path,
                        Detail = "You signed in with a temporary password; set your own with POST /api/me/password before anything else.",
                    },
                });
                return;
            }
            await next(context);
        });
        return app;
    }

    private static async Task<bool> MustChangeAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true) return context.User.HasClaim(Claim, "true");
        // A bearer token is only read by the endpoint's policy; read it here too, as the session check does.
        if (context.Request.Headers.Authorization.Count == 0) return false;
        var bearer = await context.AuthenticateAsync(Microsoft.AspNetCore.Identity.IdentityConstants.BearerScheme);
        return bearer.Succeeded && bearer.Principal.HasClaim(Claim, "true");
    }
}
