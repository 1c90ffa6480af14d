using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Reminders;

/// <summary>A person to notify and the address their e-mail goes to (null when the account has none).</summary>
public sealed record Recipient(string UserName, string? Email);

/// <summary>
/// Who hears about a step: the person who holds it, else its queue (people of the step's unit whose role or group the
/// task's candidates name, and candidate users by name); at breach, the unit's leaders and managers. Locked-out
/// accounts are left out. Read when the reminder fires, so a step transferred to another unit reminds its new people.
/// </summary>
public sealed class ReminderRecipients(WorkflowDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<Recipient>> WorkersAsync(TaskEntity task, CancellationToken ct)
    {
        if (task.Assignee is { } assignee) return await ByNameAsync([assignee], ct);
        var groups = task.Candidates.Where(c => c.Kind == CandidateKind.Group).Select(c => c.Name).ToList();
        var named = task.Candidates.Where(c => c.Kind == CandidateKind.User).Select(c => c.Name).ToList();
        var queue = await WithRolesAsync(task.UnitCode, groups, matchGroups: true, ct);
        var users = await ByNameAsync(named, ct);
        return queue.Concat(users).DistinctBy(r => r.UserName).ToList();
    }

    /// <summary>The leaders and managers of a unit.</summary>
    public Task<IReadOnlyList<Recipient>> EscalationAsync(string unitCode, CancellationToken ct) =>
        WithRolesAsync(unitCode, [Roles.Leader, Roles.Manager], matchGroups: false, ct);

    private async Task<IReadOnlyList<Recipient>> WithRolesAsync(string? unitCode, IReadOnlyList<string> roles, bool matchGroups, CancellationToken ct)
    {
        if (roles.Count == 0) return [];
        var now = clock.GetUtcNow();
        var users = db.Users.AsNoTracking().Where(u => u.LockoutEnd == null || u.LockoutEnd <= now);
        // Units is a comma-separated list: the LIKE narrows the rows, the exact check below decides.
        if (unitCode is not null) users = users.Where(u => u.Units.Contains(unitCode));
        var inRole = from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where roles.Contains(r.Name!) select ur.UserId;
        var rows = await users.Select(u => new { u.UserName, u.Email, u.Units, u.Groups, HasRole = inRole.Contains(u.Id) }).ToListAsync(ct);
        return rows
            .Where(u => unitCode is null || Split(u.Units).Contains(unitCode))
            .Where(u => u.HasRole || matchGroups && Split(u.Groups).Any(roles.Contains))
            .Select(u => new Recipient(u.UserName!, Blank(u.Email)))
            .ToList();
    }

    private async Task<IReadOnlyList<Recipient>> ByNameAsync(IReadOnlyList<string> names, CancellationToken ct)
    {
        if (names.Count == 0) return [];
        var now = clock.GetUtcNow();
        var rows = await db.Users.AsNoTracking().Where(u => names.Contains(u.UserName!) && (u.LockoutEnd == null || u.LockoutEnd <= now))
            .Select(u => new { u.UserName, u.Email }).ToListAsync(ct);
        return rows.Select(u => new Recipient(u.UserName!, Blank(u.Email))).ToList();
    }

    private static string[] Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
