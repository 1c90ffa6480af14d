using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Services;

/// <summary>
/// Who owns which procedure (definition key). The user who first deploys a key owns it; owners (and admins) name
/// further owners. Owners deploy and publish the key's versions, read and cancel its instances, and may broadcast
/// messages to them. Keys deployed at start-up from workflows/ have no owner until an admin names one (with demo data,
/// the demo account `owner` owns them).
/// </summary>
public sealed class ProcedureOwners(WorkflowDbContext db)
{
    public async Task<bool> OwnsAsync(Actor actor, string key, CancellationToken ct) =>
        actor.IsAdmin || await db.DefinitionOwners.AnyAsync(o => o.DefinitionKey == key && o.UserName == actor.UserName, ct);

    /// <summary>Throws 403 unless the actor is an admin or an owner of <paramref name="key"/>.</summary>
    public async Task EnsureOwnsAsync(Actor actor, string key, CancellationToken ct)
    {
        if (!await OwnsAsync(actor, key, ct))
            throw new ForbiddenException($"Only the owners of '{key}' (and admins) may change it; ask an owner to add you (PUT /api/definitions/{key}/owners).");
    }

    /// <summary>Records the first deployer of a new key as its owner (tracked; saved with the deployment).</summary>
    public void AddFirstOwner(string key, string userName) =>
        db.DefinitionOwners.Add(new DefinitionOwnerEntity { DefinitionKey = key, UserName = userName });

    /// <summary>Replaces the owners of <paramref name="key"/>; every name must be an existing account.</summary>
    public async Task<IReadOnlyList<string>> SetAsync(Actor actor, string key, IReadOnlyList<string> owners, CancellationToken ct)
    {
        if (!await db.Definitions.AnyAsync(d => d.Key == key, ct)) throw new NotFoundException($"No definition has the key '{key}'.");
        await EnsureOwnsAsync(actor, key, ct);
        var names = owners.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var known = await db.Users.Where(u => names.Contains(u.UserName!)).Select(u => u.UserName!).ToListAsync(ct);
        var unknown = names.Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
            throw new InvalidInputException($"No account is named {string.Join(", ", unknown.Select(u => $"'{u}'"))}.",
                unknown.Select(u => new FieldError(null, null, $"'{u}' is not an account.", "owners")).ToList());
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.DefinitionOwners.Where(o => o.DefinitionKey == key).ExecuteDeleteAsync(ct);
        foreach (var name in names) db.DefinitionOwners.Add(new DefinitionOwnerEntity { DefinitionKey = key, UserName = name });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return names.Order(StringComparer.Ordinal).ToList();
    }
}
