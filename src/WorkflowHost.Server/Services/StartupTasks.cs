using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Server.Extensions;
using Microsoft.Extensions.Options;

namespace WorkflowHost.Server.Services;

/// <summary>What a node does before it serves: migrate, seed demo users, deploy workflows/, reconcile timers.</summary>
public sealed class StartupTasks(WorkflowDbContext db, StorageSettings storage, UserManager<AppUser> users, RoleManager<IdentityRole> roles,
    DefinitionService definitions, RoutingTables routingTables, IJobScheduling scheduling, Reminders.ReminderJobs reminders, Notifications.EmailJobs emails,
    Reports.SlaRollup slaRollup, IOptions<WorkflowHostOptions> options, IWebHostEnvironment environment, ILogger<StartupTasks> logger)
{
    /// <summary>The wards of the demo story (Đà Nẵng, from 2025-07-01): user-name suffix and unit code.</summary>
    public static readonly (string Slug, string UnitCode, string Name)[] DemoWards =
    [
        ("hai-chau", "20242", "Hải Châu"),
        ("thanh-khe", "20209", "Thanh Khê"),
        ("ngu-hanh-son", "20285", "Ngũ Hành Sơn"),
    ];

    /// <summary>Demo accounts (development only; password = user name): user name, role, units, display name.</summary>
    public static readonly IReadOnlyList<(string User, string Role, string Units, string Name)> DemoUsers =
    [
        ("admin", Roles.Admin, "", "Quản trị hệ thống"),
        ("owner", Roles.ProcessOwner, "", "Chủ quy trình"),
        .. DemoWards.SelectMany(w => new[]
        {
            ($"reception.{w.Slug}", Roles.Reception, w.UnitCode, $"Tiếp nhận — {w.Name}"),
            ($"officer.{w.Slug}", Roles.Officer, w.UnitCode, $"Chuyên viên — {w.Name}"),
            ($"leader.{w.Slug}", Roles.Leader, w.UnitCode, $"Lãnh đạo — {w.Name}"),
            ($"manager.{w.Slug}", Roles.Manager, w.UnitCode, $"Quản lý — {w.Name}"),
        }),
    ];

    public async Task RunAsync(CancellationToken ct)
    {
        if (storage.IsPostgres)
        {
            // Two nodes starting together on PostgreSQL: the advisory lock (held by this context's one open connection)
            // makes one node migrate, seed and deploy while the other waits, so neither trips over the other's rows.
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_lock(774411)", ct);
                try { await PrepareDatabaseAsync(ct); }
                finally { await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_unlock(774411)", CancellationToken.None); }
            }
            finally { await db.Database.CloseConnectionAsync(); }
        }
        else
        {
            await PrepareDatabaseAsync(ct);
        }
        var (scheduled, queued) = await scheduling.ReconcileAsync(ct);
        var reminded = await reminders.PromoteAsync(ct);
        var mailed = await emails.ReconcileAsync(ct);
        logger.LogInformation("Start-up reconciliation scheduled {Timers} timer(s) and {Reminders} reminder(s), queued {Jobs} service job(s) and {Emails} e-mail(s)",
            scheduled, reminded, queued, mailed);
    }

    private async Task PrepareDatabaseAsync(CancellationToken ct)
    {
        await db.Database.MigrateAsync(ct);
        if (!storage.IsPostgres) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        // Backfill of the SLA rollup: the first start after its migration, or after a seed that bypassed its triggers.
        await slaRollup.EnsureBuiltAsync(ct);
        // Role rows exist in every database, so an admin can give any role from the first start on.
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        if (storage.SeedDemoUsers) await SeedUsersAsync();
        if (!string.IsNullOrWhiteSpace(options.Value.FirstAdmin)) await CreateFirstAdminAsync(options.Value.FirstAdmin.Trim(), ct);
        var shipped = await DeployWorkflowsAsync(ct);
        if (storage.SeedDemoUsers) await GiveShippedKeysToTheDemoOwnerAsync(shipped, ct);
        if (WorkflowsFolder.Resolve(options.Value, environment.ContentRootPath) is { } workflows) await routingTables.ImportShippedAsync(workflows, ct);
    }

    /// <summary>
    /// A production database starts without accounts. With <c>WorkflowHost:FirstAdmin</c> set and no active admin yet,
    /// the node makes that admin with a temporary password, written once to its log, which must be changed at the first
    /// sign-in; once an active admin exists the setting does nothing (remove it then).
    /// </summary>
    private async Task CreateFirstAdminAsync(string userName, CancellationToken ct)
    {
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        if (admins.Any(a => a.DeactivatedAt is null)) return;
        if (await users.FindByNameAsync(userName) is not null)
        {
            logger.LogError("WorkflowHost:FirstAdmin names '{User}', which exists but is no active admin; no admin was made", userName);
            return;
        }
        var password = TemporaryPasswords.Create();
        var admin = new AppUser { UserName = userName, DisplayName = userName, MustChangePassword = true };
        var result = await users.CreateAsync(admin, password);
        if (result.Succeeded) result = await users.AddToRoleAsync(admin, Roles.Admin);
        if (!result.Succeeded)
            throw new InvalidOperationException($"Cannot create the first admin '{userName}': {string.Join(", ", result.Errors.Select(e => e.Description))}");
        db.UserAudit.Add(new UserAuditEntity { Id = Guid.NewGuid(), UserName = userName, Action = "created", Actor = "startup", At = DateTimeOffset.UtcNow,
            Details = AuditWords.FirstAdmin });
        await db.SaveChangesAsync(ct);
        logger.LogWarning("First admin '{User}' created with the temporary password {Password} — sign in and choose your own; it is shown only this once", userName, password);
    }

    private async Task SeedUsersAsync()
    {
        foreach (var (name, role, units, display) in DemoUsers)
        {
            if (await users.FindByNameAsync(name) is { } existing)
            {
                // Seeded before demo accounts had addresses: give them one, without touching their sessions.
                if (string.IsNullOrEmpty(existing.Email))
                {
                    existing.Email = $"{name}@example.vn";
                    existing.EmailConfirmed = true;
                    await users.UpdateAsync(existing);
                }
                continue;
            }
            // An address for every demo account, so reminders can be e-mailed once SMTP is configured (example.vn is not routed).
            var user = new AppUser { UserName = name, DisplayName = display, Units = units, Email = $"{name}@example.vn", EmailConfirmed = true };
            var result = await users.CreateAsync(user, name);
            if (!result.Succeeded) throw new InvalidOperationException($"Cannot seed user {name}: {string.Join(", ", result.Errors.Select(e => e.Description))}");
            await users.AddToRoleAsync(user, role);
        }
    }

    /// <summary>Deploys every workflows/*.bpmn (an unchanged file reuses its version); answers the keys deployed.</summary>
    private async Task<IReadOnlyList<string>> DeployWorkflowsAsync(CancellationToken ct)
    {
        var keys = new List<string>();
        var directory = WorkflowsFolder.Resolve(options.Value, environment.ContentRootPath);
        if (directory is null) return keys;
        foreach (var file in Directory.GetFiles(directory, "*.bpmn").Order(StringComparer.Ordinal))
        {
            try
            {
                var summary = await definitions.DeployAsync(await File.ReadAllTextAsync(file, ct), publish: true, "startup", reuseIdenticalLatest: true, ct);
                logger.LogInformation("Procedure {Key} v{Version} ({Status}) from {File}", summary.Key, summary.Version, summary.Status, Path.GetFileName(file));
                keys.Add(summary.Key);
            }
            catch (Exception ex) when (ex is InvalidInputException or ConflictException)
            {
                logger.LogError("Procedure file {File} was not deployed: {Message} {Errors}", file, ex.Message,
                    ex is InvalidInputException invalid ? string.Join("; ", invalid.Errors.Select(e => $"{e.ElementId}: {e.Message}")) : "");
            }
        }
        return keys;
    }

    /// <summary>In the demo story the process owner `owner` looks after Đà Nẵng's shipped procedures, so the designer can
    /// open and publish them. Only keys nobody owns yet: an owner named since (by an admin) is never overruled.</summary>
    private async Task GiveShippedKeysToTheDemoOwnerAsync(IReadOnlyList<string> keys, CancellationToken ct)
    {
        var owned = await db.DefinitionOwners.Where(o => keys.Contains(o.DefinitionKey)).Select(o => o.DefinitionKey).Distinct().ToListAsync(ct);
        foreach (var key in keys.Except(owned, StringComparer.Ordinal).Distinct(StringComparer.Ordinal))
            db.DefinitionOwners.Add(new DefinitionOwnerEntity { DefinitionKey = key, UserName = "owner" });
        await db.SaveChangesAsync(ct);
    }
}
