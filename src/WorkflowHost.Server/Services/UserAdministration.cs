using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Localization;

namespace WorkflowHost.Server.Services;

/// <summary>
/// Staff accounts as an admin manages them: create, edit roles and units, reset a password, deactivate and
/// reactivate. Every change is one transaction with its audit row, so a refused change (422, 409) leaves nothing
/// behind. Changes to roles, units, password or activity renew the account's security stamp, which ends its sessions
/// (cookies and bearer tokens) on the next request; the person signs in again and gets the new units.
/// Changes that could leave no active admin take a lock on the admin role row first, so two admins demoting each
/// other at once cannot both succeed.
/// </summary>
public sealed class UserAdministration(WorkflowDbContext db, UserManager<AppUser> users, RoleManager<IdentityRole> roles, OneStopData data,
    DossierProjector projector, IMemoryCache sessions, Notifications.LiveConnections live, TimeProvider clock, IStringLocalizer<ServerMessages> L)
{
    /// <summary>What to do once the change is committed (forget cached sessions, close live connections): done before, a
    /// request arriving in between could read the old stamp again and be remembered as valid.</summary>
    private readonly List<Action> _afterCommit = [];

    /// <summary>Far enough to mean "until an admin reactivates"; a fixed date both databases store exactly.</summary>
    private static readonly DateTimeOffset Deactivated = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public async Task<UserPage> ListAsync(UserFilter filter, CancellationToken ct)
    {
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Unit))
        {
            // Units are a comma-separated column: match whole codes only (20242 must not find 202420).
            var code = "," + filter.Unit.Trim() + ",";
            query = query.Where(u => ("," + u.Units + ",").Contains(code));
        }
        if (!string.IsNullOrWhiteSpace(filter.Role))
        {
            var role = filter.Role.Trim();
            if (!Roles.All.Contains(role, StringComparer.Ordinal))
                throw new InvalidInputException(L["'{0}' is not a role.", role], [AccountInput.Field("role", L["Use one of {0}.", string.Join(", ", Roles.All)])]);
            query = query.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)));
        }
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var text = filter.Q.Trim().ToLowerInvariant();
            query = query.Where(u => u.UserName!.ToLower().Contains(text) || (u.DisplayName != null && u.DisplayName.ToLower().Contains(text))
                || (u.Email != null && u.Email.ToLower().Contains(text)));
        }
        query = filter.Status switch
        {
            null or "" or "all" => query,
            "active" => query.Where(u => u.DeactivatedAt == null),
            "deactivated" => query.Where(u => u.DeactivatedAt != null),
            _ => throw new InvalidInputException(L["'{0}' is not a status.", filter.Status], [AccountInput.Field("status", L["Use active, deactivated or all."])]),
        };
        var total = await query.CountAsync(ct);
        var page = await query.OrderBy(u => u.UserName).Skip(filter.Offset).Take(filter.Limit).ToListAsync(ct);
        var roleNames = await RolesOfAsync(page.Select(u => u.Id).ToList(), ct);
        return new UserPage(page.Select(u => Describe(u, roleNames.TryGetValue(u.Id, out var r) ? r : [])).ToList(), total);
    }

    public async Task<UserSummary> GetAsync(string userName, CancellationToken ct)
    {
        var user = await FindAsync(userName);
        return Describe(user, await users.GetRolesAsync(user));
    }

    public async Task<IReadOnlyList<UserAuditEntry>> AuditAsync(string userName, CancellationToken ct)
    {
        var user = await FindAsync(userName);
        return await db.UserAudit.AsNoTracking().Where(a => a.UserName == user.UserName).OrderByDescending(a => a.At).Take(500)
            .Select(a => new UserAuditEntry(a.Action, a.Actor, a.At, a.Details)).ToListAsync(ct);
    }

    public async Task<UserWithPassword> CreateAsync(CreateUserRequest request, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = new List<FieldError>();
        var userName = AccountInput.UserName(request.UserName, errors, L);
        var displayName = AccountInput.DisplayName(request.DisplayName, errors, L);
        var email = AccountInput.Email(request.Email, errors, L);
        var roleList = AccountInput.RoleList(request.Roles, errors, L);
        var unitList = AccountInput.UnitList(request.Units, roleList, data, now, errors, L);
        var user = new AppUser
        {
            UserName = userName, DisplayName = displayName, Email = email, EmailConfirmed = email is not null, Units = string.Join(',', unitList),
            MustChangePassword = request.Password is null,
        };
        var temporary = request.Password is null ? TemporaryPasswords.Create() : null;
        if (request.Password is not null) await CheckPasswordAsync(user, request.Password, "password", errors);
        AccountInput.Throw(errors, L);

        return await WriteAsync(async () =>
        {
            if (await users.FindByNameAsync(userName) is not null) throw new ConflictException(L["An account called '{0}' already exists.", userName]);
            await EnsureRolesAsync(roleList);
            Succeeded(await users.CreateAsync(user, request.Password ?? temporary!), "password");
            Succeeded(await users.AddToRolesAsync(user, roleList), "roles");
            Audit(userName, "created", actor, now,
                $"{AuditWords.DisplayName}: {displayName}; {AuditWords.Email}: {email ?? "—"}; {AuditWords.Roles}: {List(roleList)}; {AuditWords.Units}: {List(unitList)}; " +
                (temporary is null ? AuditWords.PasswordSetByAdmin : AuditWords.TemporaryPasswordFirstSignIn));
            await db.SaveChangesAsync(ct);
            return new UserWithPassword(Describe(user, roleList), temporary);
        }, ct);
    }

    public async Task<UserSummary> UpdateAsync(string userName, UpdateUserRequest request, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = new List<FieldError>();
        var displayName = AccountInput.DisplayName(request.DisplayName, errors, L);
        var email = AccountInput.Email(request.Email, errors, L);
        var roleList = AccountInput.RoleList(request.Roles, errors, L);
        var unitList = AccountInput.UnitList(request.Units, roleList, data, now, errors, L);
        AccountInput.Throw(errors, L);

        return await WriteAsync(async () =>
        {
            var user = await FindAsync(userName);
            var oldRoles = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
            if (oldRoles.Contains(Roles.Admin) && !roleList.Contains(Roles.Admin)) await RefuseIfLastActiveAdminAsync(user, L["'{0}' is the last active admin and cannot lose the admin role; make another account admin first.", user.UserName!], ct);
            var changes = new List<string>();
            if (user.DisplayName != displayName) changes.Add($"{AuditWords.DisplayName}: {user.DisplayName ?? "—"} → {displayName}");
            if (user.Email != email) changes.Add($"{AuditWords.Email}: {user.Email ?? "—"} → {email ?? "—"}");
            var newRoles = roleList.Order(StringComparer.Ordinal).ToList();
            var rolesChanged = !oldRoles.SequenceEqual(newRoles, StringComparer.Ordinal);
            if (rolesChanged) changes.Add($"{AuditWords.Roles}: {List(oldRoles)} → {List(newRoles)}");
            var unitsChanged = !user.UnitList.Order(StringComparer.Ordinal).SequenceEqual(unitList.Order(StringComparer.Ordinal), StringComparer.Ordinal);
            if (unitsChanged) changes.Add($"{AuditWords.Units}: {List(user.UnitList)} → {List(unitList)}");
            if (changes.Count == 0) return Describe(user, oldRoles);

            user.DisplayName = displayName;
            // Not SetEmailAsync: that renews the security stamp, and a corrected address should not sign the person out.
            user.Email = email;
            user.EmailConfirmed = email is not null;
            await users.UpdateNormalizedEmailAsync(user);
            user.Units = string.Join(',', unitList);
            Succeeded(await users.UpdateAsync(user), "userName");
            if (rolesChanged)
            {
                await EnsureRolesAsync(newRoles);
                Succeeded(await users.RemoveFromRolesAsync(user, oldRoles.Except(newRoles, StringComparer.Ordinal)), "roles");
                Succeeded(await users.AddToRolesAsync(user, newRoles.Except(oldRoles, StringComparer.Ordinal)), "roles");
            }
            // Units and roles are claims of the session: end the sessions so the person signs in with the new ones.
            if (rolesChanged || unitsChanged) await EndSessionsAsync(user);
            Audit(user.UserName!, "updated", actor, now, string.Join("; ", changes));
            await db.SaveChangesAsync(ct);
            return Describe(user, newRoles);
        }, ct);
    }

    /// <summary>Sets a password the admin chose, or a temporary one answered once; ends the person's sessions.</summary>
    public async Task<UserWithPassword> ResetPasswordAsync(string userName, ResetPasswordRequest request, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await WriteAsync(async () =>
        {
            var user = await FindAsync(userName);
            var temporary = request.Password is null ? TemporaryPasswords.Create() : null;
            var password = request.Password ?? temporary!;
            var errors = new List<FieldError>();
            await CheckPasswordAsync(user, password, "password", errors);
            AccountInput.Throw(errors, L);
            user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
            user.MustChangePassword = request.MustChange ?? true;
            // A reset also lifts a lockout from failed attempts (not a deactivation).
            user.AccessFailedCount = 0;
            if (user.DeactivatedAt is null) user.LockoutEnd = null;
            await EndSessionsAsync(user);
            Audit(user.UserName!, temporary is null ? "password-set" : "password-reset", actor, now,
                (temporary is null ? AuditWords.PasswordSetByAdmin : AuditWords.TemporaryPassword) +
                (user.MustChangePassword ? AuditWords.MustChangeAtNextSignIn : ""));
            await db.SaveChangesAsync(ct);
            return new UserWithPassword(Describe(user, await users.GetRolesAsync(user)), temporary);
        }, ct);
    }

    /// <summary>
    /// Locks the account and ends its sessions; the open steps it held (claimed or transferred to it) go back to their
    /// unit's queue, unclaimed, with a row on each dossier's control slip. Deactivating a deactivated account changes nothing.
    /// </summary>
    public async Task<DeactivationResult> DeactivateAsync(string userName, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await WriteAsync(async () =>
        {
            var user = await FindAsync(userName);
            var roleNames = await users.GetRolesAsync(user);
            if (user.DeactivatedAt is not null) return new DeactivationResult(Describe(user, roleNames), 0);
            if (roleNames.Contains(Roles.Admin)) await RefuseIfLastActiveAdminAsync(user, L["'{0}' is the last active admin and cannot be deactivated; make another account admin first.", user.UserName!], ct);
            user.DeactivatedAt = now;
            user.LockoutEnabled = true;
            user.LockoutEnd = Deactivated;
            await EndSessionsAsync(user);
            var released = await ReleaseTasksAsync(user.UserName!, actor, now, ct);
            Audit(user.UserName!, "deactivated", actor, now, AuditWords.Deactivated(released));
            await db.SaveChangesAsync(ct);
            return new DeactivationResult(Describe(user, roleNames), released);
        }, ct);
    }

    public async Task<UserSummary> ReactivateAsync(string userName, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await WriteAsync(async () =>
        {
            var user = await FindAsync(userName);
            if (user.DeactivatedAt is null) return Describe(user, await users.GetRolesAsync(user));
            user.DeactivatedAt = null;
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            Succeeded(await users.UpdateAsync(user), "userName");
            Audit(user.UserName!, "reactivated", actor, now, AuditWords.Reactivated);
            await db.SaveChangesAsync(ct);
            return Describe(user, await users.GetRolesAsync(user));
        }, ct);
    }

    /// <summary>The signed-in person changes their own password; a wrong current password counts towards the lockout.</summary>
    public async Task<AppUser> ChangeOwnPasswordAsync(string userName, ChangePasswordRequest request, SignInManager<AppUser> signIn, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var user = await FindAsync(userName);
        var errors = new List<FieldError>();
        if (string.IsNullOrEmpty(request.CurrentPassword)) errors.Add(AccountInput.Field("currentPassword", L["Give your current password."]));
        if (string.IsNullOrEmpty(request.NewPassword)) errors.Add(AccountInput.Field("newPassword", L["Choose a new password."]));
        else if (request.NewPassword == request.CurrentPassword) errors.Add(AccountInput.Field("newPassword", L["Choose a password different from the current one."]));
        else await CheckPasswordAsync(user, request.NewPassword, "newPassword", errors);
        AccountInput.Throw(errors, L);
        if (!(await signIn.CheckPasswordSignInAsync(user, request.CurrentPassword!, lockoutOnFailure: true)).Succeeded)
            throw new InvalidInputException(L["The current password is wrong."], [AccountInput.Field("currentPassword", L["The current password is wrong."])]);
        return await WriteAsync(async () =>
        {
            user.PasswordHash = users.PasswordHasher.HashPassword(user, request.NewPassword!);
            user.MustChangePassword = false;
            await EndSessionsAsync(user, closeLiveConnections: false);
            Audit(user.UserName!, "password-changed", new Actor(user.UserName!, false, []), now, AuditWords.ChangedByThemselves);
            await db.SaveChangesAsync(ct);
            return user;
        }, ct);
    }

    // ------------------------------------------------------------------ helpers

    private async Task<AppUser> FindAsync(string userName) =>
        await users.FindByNameAsync(userName) ?? throw new NotFoundException(L["No account is called '{0}'.", userName]);

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction that first locks the admin role row (PostgreSQL: a row lock;
    /// SQLite: the write lock), so account changes run one after another and the last-admin rule cannot be raced.
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<Task<T>> work, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The lock is the transaction's first statement: on SQLite a read first would pin a snapshot that a concurrent
        // writer can make stale, and the upgrade to writing would then fail instead of waiting. The role row exists
        // from start-up on (StartupTasks); without it there is no admin to protect.
        await db.Roles.Where(r => r.NormalizedName == "ADMIN").ExecuteUpdateAsync(s => s.SetProperty(r => r.ConcurrencyStamp, r => r.ConcurrencyStamp), ct);
        try
        {
            var result = await work();
            await transaction.CommitAsync(ct);
            foreach (var action in _afterCommit) action();
            return result;
        }
        catch
        {
            // The context may hold the refused change; a later use of this scoped context must not save it.
            db.ChangeTracker.Clear();
            throw;
        }
        finally
        {
            _afterCommit.Clear();
        }
    }

    private async Task RefuseIfLastActiveAdminAsync(AppUser user, string refusal, CancellationToken ct)
    {
        var others = await db.Users.Where(u => u.Id != user.Id && u.DeactivatedAt == null)
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin)))
            .CountAsync(ct);
        if (others == 0) throw new ConflictException(refusal);
    }

    private async Task EnsureRolesAsync(IEnumerable<string> names)
    {
        // Production databases start without role rows (only demo seeding made them before user administration).
        foreach (var name in names)
            if (!await roles.RoleExistsAsync(name)) Succeeded(await roles.CreateAsync(new IdentityRole(name)), "roles");
    }

    /// <summary>
    /// New security stamp: every session of the account is refused from its next request on, and (unless the person
    /// changes their own password) its live-notification connections on this node close.
    /// </summary>
    private async Task EndSessionsAsync(AppUser user, bool closeLiveConnections = true)
    {
        var oldStamp = user.SecurityStamp;
        Succeeded(await users.UpdateSecurityStampAsync(user), "userName");
        var userId = user.Id;
        var userName = user.UserName!;
        _afterCommit.Add(() =>
        {
            sessions.Forget(userId, oldStamp);
            if (closeLiveConnections) live.Close(userName);
        });
    }

    private async Task<int> ReleaseTasksAsync(string userName, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var held = await db.Tasks.Where(t => t.State == TaskState.Open && t.Assignee == userName).ToListAsync(ct);
        var dossierIds = held.Where(t => t.DossierId is not null).Select(t => t.DossierId!.Value).Distinct().ToList();
        var dossiers = await db.Dossiers.Where(d => dossierIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        foreach (var task in held)
        {
            task.Assignee = null;
            if (task.DossierId is { } id && dossiers.TryGetValue(id, out var dossier))
                projector.Slip(dossier, (task.UnitCode, userName), (task.UnitCode, null), $"{Words.ReleaseStep}: {task.Name ?? task.ElementId}", null, now,
                    $"Tài khoản {userName} bị vô hiệu hoá bởi {actor.UserName}");
        }
        return held.Count;
    }

    private async Task CheckPasswordAsync(AppUser user, string password, string field, List<FieldError> errors)
    {
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            errors.AddRange(result.Errors.Select(e => AccountInput.Field(field, e.Description)));
        }
    }

    private void Succeeded(IdentityResult result, string field)
    {
        if (result.Succeeded) return;
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
            throw new ConflictException(L["Someone else changed this account at the same time; reload and try again."]);
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName)))
            throw new ConflictException(string.Join(" ", result.Errors.Select(e => e.Description)));
        throw new InvalidInputException(L["The account is not valid; see errors."],
            result.Errors.Select(e => AccountInput.Field(e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password"
                : e.Code.Contains("Email", StringComparison.Ordinal) ? "email" : field, e.Description)).ToList());
    }

    private void Audit(string userName, string action, Actor actor, DateTimeOffset at, string details) =>
        db.UserAudit.Add(new UserAuditEntity { Id = Guid.NewGuid(), UserName = userName, Action = action, Actor = actor.UserName, At = at, Details = details.Length > 4000 ? details[..4000] : details });

    private async Task<Dictionary<string, List<string>>> RolesOfAsync(List<string> userIds, CancellationToken ct) =>
        (await db.UserRoles.Where(ur => userIds.Contains(ur.UserId)).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(ct))
        .GroupBy(x => x.UserId).ToDictionary(g => g.Key, g => g.Select(x => x.Name!).Order(StringComparer.Ordinal).ToList());

    private UserSummary Describe(AppUser user, IEnumerable<string> roleNames) => new(user.UserName!, user.DisplayName, user.Email,
        roleNames.Order(StringComparer.Ordinal).ToList(), user.UnitList.Select(code => new UnitRef(code, data.Unit(code, clock.GetUtcNow())?.Name)).ToList(),
        user.DeactivatedAt is null, user.MustChangePassword, user.DeactivatedAt);

    private static string List(IEnumerable<string> items) => items.Any() ? string.Join(", ", items) : "—";
}

/// <summary>
/// The words of the account history, in Vietnamese like the control slip (<see cref="Words"/>): the history is the
/// centre's record, read by its admins and inspectors, and is stored once in the centre's working language.
/// Role names and unit codes stay as they are.
/// </summary>
public static class AuditWords
{
    public const string DisplayName = "họ tên";
    public const string Email = "e-mail";
    public const string Roles = "vai trò";
    public const string Units = "đơn vị";
    public const string PasswordSetByAdmin = "mật khẩu do quản trị đặt";
    public const string TemporaryPassword = "cấp mật khẩu tạm";
    public const string TemporaryPasswordFirstSignIn = "mật khẩu tạm, phải đổi khi đăng nhập lần đầu";
    public const string MustChangeAtNextSignIn = "; phải đổi khi đăng nhập lần sau";
    public const string Reactivated = "tài khoản đăng nhập được trở lại";
    public const string ChangedByThemselves = "người dùng tự đổi mật khẩu";
    public const string FirstAdmin = "quản trị đầu tiên (WorkflowHost:FirstAdmin); mật khẩu tạm, phải đổi khi đăng nhập lần đầu";

    public static string Deactivated(int releasedSteps) =>
        $"khoá tài khoản, kết thúc mọi phiên đăng nhập; {releasedSteps} bước đang mở trở về hàng đợi của đơn vị";
}
