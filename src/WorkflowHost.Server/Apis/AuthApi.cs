using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Identity;
using WorkflowHost.Data.Entities;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Apis;

/// <summary>Sign-in for people (cookie) and machine clients (bearer token).</summary>
public static class AuthApi
{
    public sealed record LoginRequest(string UserName, string Password);
    public sealed record Me(string UserName, string? DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Groups, IReadOnlyList<UnitRef> Units,
        bool MustChangePassword = false);

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(SecurityExtensions.SignInPolicy).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests).WithName("Login").WithSummary("Sign in with user name and password; sets the session cookie.");
        group.MapPost("/token", TokenAsync).AllowAnonymous().RequireRateLimiting(SecurityExtensions.SignInPolicy).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests).WithName("Token").WithSummary("Sign in a machine client; returns a bearer token.");
        group.MapPost("/logout", LogoutAsync).RequireAuthorization().ProducesSignInProblem().WithName("Logout");
        group.MapGet("/me", MeAsync).RequireAuthorization().ProducesSignInProblem().WithName("Me").WithSummary("Who is signed in.");
        return app;
    }

    private static async Task<Results<Ok<Me>, ProblemHttpResult>> LoginAsync(LoginRequest request, HttpContext http, UserManager<AppUser> users, SignInManager<AppUser> signIn,
        SecurityExtensions.SignInAttempts attempts, OneStopData data, TimeProvider clock)
    {
        if (!attempts.TryAcquire(http, request.UserName ?? "")) return TooManyAttempts();
        var (principal, user) = await AuthenticateAsync(request, users, signIn);
        if (principal is null) return Unauthorized();
        await http.SignInAsync(IdentityConstants.ApplicationScheme, principal);
        return TypedResults.Ok(Describe(principal, user!, data, clock));
    }

    private static async Task<Results<SignInHttpResult, ProblemHttpResult>> TokenAsync(LoginRequest request, HttpContext http, UserManager<AppUser> users,
        SignInManager<AppUser> signIn, SecurityExtensions.SignInAttempts attempts)
    {
        if (!attempts.TryAcquire(http, request.UserName ?? "")) return TooManyAttempts();
        var (principal, _) = await AuthenticateAsync(request, users, signIn);
        if (principal is null) return Unauthorized();
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static async Task<NoContent> LogoutAsync(HttpContext http, CancellationToken ct)
    {
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<Me>, NotFoundProblem>> MeAsync(ClaimsPrincipal principal, UserManager<AppUser> users, OneStopData data, TimeProvider clock, HttpContext http)
    {
        var user = await users.GetUserAsync(principal);
        return user is null
            ? new NotFoundProblem(new ProblemDetails { Status = 404, Title = "Not found", Detail = "The signed-in account no longer exists.", Instance = http.Request.Path })
            : TypedResults.Ok(Describe(principal, user, data, clock));
    }

    private static async Task<(ClaimsPrincipal? Principal, AppUser? User)> AuthenticateAsync(LoginRequest request, UserManager<AppUser> users, SignInManager<AppUser> signIn)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password)) return (null, null);
        var user = await users.FindByNameAsync(request.UserName);
        if (user is null)
        {
            // Hash the password anyway: answering an unknown user faster than a wrong password would tell an attacker
            // which user names exist.
            users.PasswordHasher.VerifyHashedPassword(new AppUser(), DummyHash(users), request.Password);
            return (null, null);
        }
        var check = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (!check.Succeeded) return (null, null);
        // Units and groups come from UnitClaimsPrincipalFactory, so they are rebuilt whenever the session is revalidated.
        return (await signIn.CreateUserPrincipalAsync(user), user);
    }

    private static Me Describe(ClaimsPrincipal principal, AppUser user, OneStopData data, TimeProvider clock) => new(user.UserName!, user.DisplayName,
        principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(), principal.ToActor().Groups,
        user.UnitList.Select(code => new UnitRef(code, data.Unit(code, clock.GetUtcNow())?.Name)).ToList(), user.MustChangePassword);

    private static string? _dummyHash;

    private static string DummyHash(UserManager<AppUser> users) =>
        _dummyHash ??= users.PasswordHasher.HashPassword(new AppUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18)));

    private static ProblemHttpResult TooManyAttempts() =>
        TypedResults.Problem(statusCode: 429, title: "Too many sign-in attempts",
            detail: "Too many sign-in attempts for this user name from this address; wait a minute and try again.");

    private static ProblemHttpResult Unauthorized() =>
        TypedResults.Problem(statusCode: 401, title: "Sign-in failed", detail: "The user name or password is wrong, or the account is locked.");
}
