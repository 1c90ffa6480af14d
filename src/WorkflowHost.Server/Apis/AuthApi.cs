using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using WorkflowHost.Data.Entities;
using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Apis;

/// <summary>Sign-in for people (cookie) and machine clients (bearer token).</summary>
public static class AuthApi
{
    public sealed record LoginRequest(string UserName, string Password);
    public sealed record Me(string UserName, string? DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Groups);

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/login", LoginAsync).AllowAnonymous().WithName("Login").WithSummary("Sign in with user name and password; sets the session cookie.");
        group.MapPost("/token", TokenAsync).AllowAnonymous().WithName("Token").WithSummary("Sign in a machine client; returns a bearer token.");
        group.MapPost("/logout", LogoutAsync).RequireAuthorization().WithName("Logout");
        group.MapGet("/me", MeAsync).RequireAuthorization().WithName("Me").WithSummary("Who is signed in.");
        return app;
    }

    private static async Task<Results<Ok<Me>, ProblemHttpResult>> LoginAsync(LoginRequest request, HttpContext http, UserManager<AppUser> users, SignInManager<AppUser> signIn)
    {
        var (principal, user) = await AuthenticateAsync(request, users, signIn);
        if (principal is null) return Unauthorized();
        await http.SignInAsync(IdentityConstants.ApplicationScheme, principal);
        return TypedResults.Ok(Describe(principal, user!));
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

    private static async Task<Results<Ok<Me>, NotFound>> MeAsync(ClaimsPrincipal principal, UserManager<AppUser> users)
    {
        var user = await users.GetUserAsync(principal);
        return user is null ? TypedResults.NotFound() : TypedResults.Ok(Describe(principal, user));
    }

    private static async Task<(ClaimsPrincipal? Principal, AppUser? User)> AuthenticateAsync(LoginRequest request, UserManager<AppUser> users, SignInManager<AppUser> signIn)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password)) return (null, null);
        var user = await users.FindByNameAsync(request.UserName);
        if (user is null) return (null, null);
        var check = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (!check.Succeeded) return (null, null);
        var principal = await signIn.CreateUserPrincipalAsync(user);
        var identity = (ClaimsIdentity)principal.Identity!;
        foreach (var g in user.GroupList) identity.AddClaim(new Claim(ActorExtensions.GroupClaim, g));
        return (principal, user);
    }

    private static Me Describe(ClaimsPrincipal principal, AppUser user) => new(user.UserName!, user.DisplayName,
        principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(), user.GroupList);

    private static ProblemHttpResult Unauthorized() =>
        TypedResults.Problem(statusCode: 401, title: "Sign-in failed", detail: "The user name or password is wrong, or the account is locked.");
}
