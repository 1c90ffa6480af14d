using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;

namespace WorkflowHost.Server.Services;

/// <summary>
/// The display names (AppUser.DisplayName, "Hải Châu reception") of the accounts a view mentions by user name, read in
/// one query for the whole view rather than one per row. A name that is not an account (the applicant on the return
/// row of a slip) or an account without a display name is simply absent, so the screen falls back to what was stored.
/// </summary>
/// <remarks>
/// Names are read when the view is asked for, not copied when the row is written: accounts are deactivated, never
/// deleted, so every stored user name still resolves; a corrected display name reaches old slips; and the stored user
/// name (the audit's key) never changes. A paper slip printed earlier keeps what it printed.
/// </remarks>
public sealed class PeopleNames(WorkflowDbContext db)
{
    public async Task<IReadOnlyDictionary<string, string>> ForAsync(IEnumerable<string?> userNames, CancellationToken ct)
    {
        var wanted = userNames.OfType<string>().Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0) return new Dictionary<string, string>(StringComparer.Ordinal);
        var rows = await db.Users.AsNoTracking().Where(u => u.UserName != null && wanted.Contains(u.UserName) && u.DisplayName != null)
            .Select(u => new { u.UserName, u.DisplayName }).ToListAsync(ct);
        return rows.Where(r => !string.IsNullOrWhiteSpace(r.DisplayName))
            .ToDictionary(r => r.UserName!, r => r.DisplayName!, StringComparer.Ordinal);
    }
}

public static class PeopleNamesExtensions
{
    /// <summary>The display name of <paramref name="userName"/>, or null when it is no account or has none.</summary>
    public static string? Of(this IReadOnlyDictionary<string, string> names, string? userName) =>
        userName is not null && names.TryGetValue(userName, out var name) ? name : null;
}
