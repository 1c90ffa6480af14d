using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using WorkflowHost.Data.Entities;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Apis;

/// <summary>
/// Staff accounts, for admins: list and read them, create, edit roles and units, reset a password, deactivate and
/// reactivate, and read each account's history. Everyone else gets 403.
/// </summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(Policies.Admin).ProducesRoleProblems();
        group.MapGet("/", ListAsync).WithName("ListUsers").WithSummary("Accounts, filtered by unit code, role, text (user name, name, e-mail) and status (active, deactivated); paged.");
        group.MapGet("/{userName}", GetAsync).WithName("GetUser").WithSummary("One account: roles, units, whether it is active.");
        group.MapPost("/", CreateAsync).WithName("CreateUser")
            .WithSummary("Create an account; without a password the answer carries a temporary one (shown once) that must be changed at first sign-in.");
        group.MapPut("/{userName}", UpdateAsync).WithName("UpdateUser")
            .WithSummary("Replace display name, e-mail, roles and units; a change of roles or units ends the person's sessions.");
        group.MapPost("/{userName}/password", ResetPasswordAsync).WithName("ResetUserPassword")
            .WithSummary("Set a password, or make a temporary one (answered once); ends the person's sessions.");
        group.MapPost("/{userName}/deactivate", DeactivateAsync).WithName("DeactivateUser")
            .WithSummary("Lock the account and end its sessions at once; its open steps go back to their unit's queue. The last active admin cannot be deactivated (409).");
        group.MapPost("/{userName}/reactivate", ReactivateAsync).WithName("ReactivateUser").WithSummary("Let a deactivated account sign in again.");
        group.MapGet("/{userName}/audit", AuditAsync).WithName("UserAudit").WithSummary("Who changed the account, when and what, newest first.");

        app.MapPost("/api/me/password", ChangeOwnPasswordAsync).WithTags("Users").RequireAuthorization().ProducesSignInProblem().WithName("ChangeOwnPassword")
            .WithSummary("Change your own password with the current one; the session cookie is renewed, other sessions end.");
        return app;
    }

    private static Task<Results<Ok<UserPage>, InvalidInputProblem>> ListAsync(string? unit, string? role, string? q, string? status, int? limit, int? offset,
        UserAdministration accounts, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<UserPage>, InvalidInputProblem>>(http, async () =>
        {
            var (take, skip) = RequestLimits.Page(limit ?? 50, offset);
            return TypedResults.Ok(await accounts.ListAsync(new UserFilter(unit, role, q, status, take, skip), ct));
        }, [422], p => new InvalidInputProblem(p));

    private static Task<Results<Ok<UserSummary>, NotFoundProblem>> GetAsync(string userName, UserAdministration accounts, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<UserSummary>, NotFoundProblem>>(http, async () => TypedResults.Ok(await accounts.GetAsync(userName, ct)),
            [404], p => new NotFoundProblem(p));

    private static Task<Results<Created<UserWithPassword>, ConflictProblem, InvalidInputProblem>> CreateAsync(CreateUserRequest request, ClaimsPrincipal user,
        UserAdministration accounts, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Created<UserWithPassword>, ConflictProblem, InvalidInputProblem>>(http, async () =>
        {
            var created = await accounts.CreateAsync(request, user.ToActor(), ct);
            return TypedResults.Created($"/api/users/{Uri.EscapeDataString(created.User.UserName)}", created);
        }, [409, 422], p => p.Status == 409 ? new ConflictProblem(p) : new InvalidInputProblem(p));

    private static Task<Results<Ok<UserSummary>, NotFoundProblem, ConflictProblem, InvalidInputProblem>> UpdateAsync(string userName, UpdateUserRequest request,
        ClaimsPrincipal user, UserAdministration accounts, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<UserSummary>, NotFoundProblem, ConflictProblem, InvalidInputProblem>>(http,
            async () => TypedResults.Ok(await accounts.UpdateAsync(userName, request, user.ToActor(), ct)), [404, 409, 422], WriteProblem<Ok<UserSummary>>);

    private static Task<Results<Ok<UserWithPassword>, NotFoundProblem, ConflictProblem, InvalidInputProblem>> ResetPasswordAsync(string userName, ResetPasswordRequest? request,
        ClaimsPrincipal user, UserAdministration accounts, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<UserWithPassword>, NotFoundProblem, ConflictProblem, InvalidInputProblem>>(http,
            async () => TypedResults.Ok(await accounts.ResetPasswordAsync(userName, request ?? new ResetPasswordRequest(), user.ToActor(), ct)), [404, 409, 422],
            WriteProblem<Ok<UserWithPassword>>);

    private static Task<Results<Ok<DeactivationResult>, NotFoundProblem, ConflictProblem>> DeactivateAsync(string userName, ClaimsPrincipal user,
        UserAdministration accounts, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<DeactivationResult>, NotFoundProblem, ConflictProblem>>(http,
            async () => TypedResults.Ok(await accounts.DeactivateAsync(userName, user.ToActor(), ct)), [404, 409],
            p => p.Status == 404 ? new NotFoundProblem(p) : new ConflictProblem(p));

    private static Task<Results<Ok<UserSummary>, NotFoundProblem, ConflictProblem>> ReactivateAsync(string userName, ClaimsPrincipal user,
        UserAdministration accounts, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<UserSummary>, NotFoundProblem, ConflictProblem>>(http,
            async () => TypedResults.Ok(await accounts.ReactivateAsync(userName, user.ToActor(), ct)), [404, 409],
            p => p.Status == 404 ? new NotFoundProblem(p) : new ConflictProblem(p));

    private static Task<Results<Ok<IReadOnlyList<UserAuditEntry>>, NotFoundProblem>> AuditAsync(string userName, UserAdministration accounts, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<IReadOnlyList<UserAuditEntry>>, NotFoundProblem>>(http, async () => TypedResults.Ok(await accounts.AuditAsync(userName, ct)),
            [404], p => new NotFoundProblem(p));

    private static Task<Results<NoContent, NotFoundProblem, InvalidInputProblem>> ChangeOwnPasswordAsync(ChangePasswordRequest request, ClaimsPrincipal principal,
        UserAdministration accounts, SignInManager<AppUser> signIn, HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<NoContent, NotFoundProblem, InvalidInputProblem>>(http, async () =>
        {
            var user = await accounts.ChangeOwnPasswordAsync(principal.Identity?.Name ?? "", request, signIn, ct);
            // The new security stamp ends every session, this one too: a cookie session gets a fresh cookie at once.
            if (principal.Identity?.AuthenticationType == IdentityConstants.ApplicationScheme)
                await http.SignInAsync(IdentityConstants.ApplicationScheme, await signIn.CreateUserPrincipalAsync(user));
            return TypedResults.NoContent();
        }, [404, 422], p => p.Status == 404 ? new NotFoundProblem(p) : new InvalidInputProblem(p));

    /// <summary>An unknown account (404), a refused change (409: last admin, changed meanwhile), or bad input (422).</summary>
    private static Results<TOk, NotFoundProblem, ConflictProblem, InvalidInputProblem> WriteProblem<TOk>(ProblemDetails p) where TOk : IResult =>
        p.Status switch { 404 => new NotFoundProblem(p), 409 => new ConflictProblem(p), _ => new InvalidInputProblem(p) };
}
