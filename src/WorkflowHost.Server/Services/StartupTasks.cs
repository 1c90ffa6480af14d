using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Jobs;
using Microsoft.Extensions.Options;

namespace WorkflowHost.Server.Services;

/// <summary>What a node does before it serves: migrate, seed demo users, deploy workflows/, reconcile timers.</summary>
public sealed class StartupTasks(WorkflowDbContext db, StorageSettings storage, UserManager<AppUser> users, RoleManager<IdentityRole> roles,
    DefinitionService definitions, TimerJobs timers, Jobs.ServiceJobRunner serviceJobs, IOptions<WorkflowHostOptions> options, IWebHostEnvironment environment, ILogger<StartupTasks> logger)
{
    /// <summary>Demo accounts (development only): user name, password, roles, candidate groups.</summary>
    public static readonly (string User, string Password, string Role, string Groups, string Name)[] DemoUsers =
    [
        ("admin", "admin", Roles.Admin, "", "Administrator"),
        ("owner", "owner", Roles.ProcessOwner, "", "Process owner"),
        ("reception", "reception", Roles.Staff, "reception", "Reception officer (one-stop desk)"),
        ("officer", "officer", Roles.Staff, "civil-status,land-office,construction-office", "Specialist officer"),
        ("leader", "leader", Roles.Staff, "leader", "Ward leader (signs results)"),
        ("manager", "manager", Roles.Manager, "", "Centre manager"),
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
        var scheduled = await timers.PromoteAsync(ct);
        var queued = await serviceJobs.ReconcileAsync(ct);
        logger.LogInformation("Start-up reconciliation scheduled {Timers} timer(s) and queued {Jobs} service job(s)", scheduled, queued);
    }

    private async Task PrepareDatabaseAsync(CancellationToken ct)
    {
        await db.Database.MigrateAsync(ct);
        if (!storage.IsPostgres) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        if (storage.SeedDemoUsers) await SeedUsersAsync();
        await DeployWorkflowsAsync(ct);
    }

    private async Task SeedUsersAsync()
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        foreach (var (name, password, role, groups, display) in DemoUsers)
        {
            if (await users.FindByNameAsync(name) is not null) continue;
            var user = new AppUser { UserName = name, DisplayName = display, Groups = groups, EmailConfirmed = true };
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded) throw new InvalidOperationException($"Cannot seed user {name}: {string.Join(", ", result.Errors.Select(e => e.Description))}");
            await users.AddToRoleAsync(user, role);
        }
    }

    private async Task DeployWorkflowsAsync(CancellationToken ct)
    {
        var directory = Path.IsPathRooted(options.Value.WorkflowsDirectory)
            ? options.Value.WorkflowsDirectory
            : FindUpwards(Directory.GetCurrentDirectory(), options.Value.WorkflowsDirectory) ?? FindUpwards(environment.ContentRootPath, options.Value.WorkflowsDirectory);
        if (directory is null || !Directory.Exists(directory)) return;
        foreach (var file in Directory.GetFiles(directory, "*.bpmn").Order(StringComparer.Ordinal))
        {
            try
            {
                var summary = await definitions.DeployAsync(await File.ReadAllTextAsync(file, ct), publish: true, "startup", reuseIdenticalLatest: true, ct);
                logger.LogInformation("Procedure {Key} v{Version} ({Status}) from {File}", summary.Key, summary.Version, summary.Status, Path.GetFileName(file));
            }
            catch (Exception ex) when (ex is InvalidInputException or ConflictException)
            {
                logger.LogError("Procedure file {File} was not deployed: {Message} {Errors}", file, ex.Message,
                    ex is InvalidInputException invalid ? string.Join("; ", invalid.Errors.Select(e => $"{e.ElementId}: {e.Message}")) : "");
            }
        }
    }

    /// <summary>`dotnet run --project src/WorkflowHost.Server` runs with the project folder as content root; workflows/ is at the repo root.</summary>
    internal static string? FindUpwards(string start, string relative)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
