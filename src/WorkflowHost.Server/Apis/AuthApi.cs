using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using WorkflowHost.Data.Entities;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Apis;

/// <summary>Sign-in for people (cookie) and machine clients (bearer token).</summary>
public static class AuthApi
{
    public sealed record LoginRequest(string UserName, string Password);
    public sealed record Me(string UserName, string? DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Groups, IReadOnlyList<UnitRef> Units);

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/login", LoginAsync).AllowAnonymous().WithName("Login").WithSummary("Sign in with user name and password; sets the session cookie.");
        group.MapPost("/token", TokenAsync).AllowAnonymous().WithName("Token").WithSummary("Sign in a machine client; returns a bearer token.");
        group.MapPost("/logout", LogoutAsync).RequireAuthorization().WithName("Logout");
        group.MapGet("/me", MeAsync).RequireAuthorization().WithName("Me").WithSummary("Who is signed in.");
        return app;
    }

    private static async Task<Results<Ok<Me>, ProblemHttpResult>> LoginAsync(LoginRequest request, HttpContext http, UserManager<AppUser> users, SignInManager<AppUser> signIn, OneStopData data, TimeProvider clock)
    {
        var (principal, user) = await AuthenticateAsync(request, users, signIn);
        if (principal is null) return Unauthorized();
        await http.SignInAsync(IdentityConstants.ApplicationScheme, principal);
        return TypedResults.Ok(Describe(principal, user!, data, clock));
    }

    private static async Task<Results<SignInHttpResult, ProblemHttpResult>> TokenAsync(LoginRequest request, UserManager<AppUser> users, SignInManager<AppUser> signIn)
    {
        var (principal, _) = await AuthenticateAsync(request, users, signIn);
        if (principal is null) return Unauthorized();
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static async Task<NoContent> LogoutAsync(HttpContext http, CancellationToken ct)
    {
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<Me>, NotFound>> MeAsync(ClaimsPrincipal principal, UserManager<AppUser> users, OneStopData data, TimeProvider clock)
    {
        var user = await users.GetUserAsync(principal);
        return user is null ? TypedResults.NotFound() : TypedResults.Ok(Describe(principal, user, data, clock));
    }

    private static async Task<(ClaimsPrincipal? Principal, AppUser? User)> AuthenticateAsync(LoginRequest request, UserManager<AppUser> users, SignInManager<AppUser> signIn)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password)) return (null, null);
        var user = await users.FindByNameAsync(request.UserName);
        if (user is null) return (null, null);
        var check = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (!check.Succeeded) return (null, null);
        // Units and groups come from UnitClaimsPrincipalFactory, so they are rebuilt whenever the session is revalidated.
        return (await signIn.CreateUserPrincipalAsync(user), user);
    }

    private static Me Describe(ClaimsPrincipal principal, AppUser user, OneStopData data, TimeProvider clock) => new(user.UserName!, user.DisplayName,
        principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(), principal.ToActor().Groups,
        user.UnitList.Select(code => new UnitRef(code, data.Unit(code, clock.GetUtcNow())?.Name)).ToList());

    private static ProblemHttpResult Unauthorized() =>
        TypedResults.Problem(statusCode: 401, title: "Sign-in failed", detail: "The user name or password is wrong, or the account is locked.");
}
