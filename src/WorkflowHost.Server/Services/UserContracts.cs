namespace WorkflowHost.Server.Services;

// What the user-administration API takes and answers. Passwords never appear in an answer, except the temporary
// password of a reset, which is answered once and stored only as a hash.

/// <summary>An account in a list: enough to find the person and see whether they can sign in.</summary>
public sealed record UserSummary(string UserName, string? DisplayName, string? Email, IReadOnlyList<string> Roles, IReadOnlyList<UnitRef> Units,
    bool Active, bool MustChangePassword, DateTimeOffset? DeactivatedAt);

/// <summary>A page of accounts and how many match the filter in all.</summary>
public sealed record UserPage(IReadOnlyList<UserSummary> Items, int Total);

/// <summary>Filter of <c>GET /api/users</c>: unit code, role, text (user name, display name, e-mail), active or not.</summary>
public sealed record UserFilter(string? Unit, string? Role, string? Q, string? Status, int Limit, int Offset);

/// <summary>
/// A new account. Without <see cref="Password"/> the server makes a temporary one, answers it once and makes the person
/// choose their own at first sign-in; with it, the password must meet the policy (and the person is not made to change it).
/// </summary>
public sealed record CreateUserRequest(string? UserName, string? DisplayName, string? Email, IReadOnlyList<string>? Roles, IReadOnlyList<string>? Units,
    string? Password = null);

/// <summary>The whole editable state of an account (display name, e-mail, roles, units); the user name does not change.</summary>
public sealed record UpdateUserRequest(string? DisplayName, string? Email, IReadOnlyList<string>? Roles, IReadOnlyList<string>? Units);

/// <summary>
/// A password reset by an admin: with <see cref="Password"/> that password is set (policy applies); without it a
/// temporary one is made. Either way the person must choose their own at next sign-in unless
/// <see cref="MustChange"/> is false.
/// </summary>
public sealed record ResetPasswordRequest(string? Password = null, bool? MustChange = null);

/// <summary>The signed-in person changes their own password (the current one proves it is them).</summary>
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>An account as created or reset, with the temporary password when the server made one (shown once).</summary>
public sealed record UserWithPassword(UserSummary User, string? TemporaryPassword);

/// <summary>What deactivating did besides locking the account: the open steps it held went back to their unit's queue.</summary>
public sealed record DeactivationResult(UserSummary User, int ReleasedTasks);

/// <summary>One line of an account's history.</summary>
public sealed record UserAuditEntry(string Action, string Actor, DateTimeOffset At, string Details);
