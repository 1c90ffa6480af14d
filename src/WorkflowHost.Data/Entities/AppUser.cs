using Microsoft.AspNetCore.Identity;

namespace WorkflowHost.Data.Entities;

/// <summary>A person who signs in: reception staff, specialist officers, leaders, process owners, managers.</summary>
public sealed class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }
    /// <summary>Task candidate groups this user works for (unit or function names), comma separated.</summary>
    public string Groups { get; set; } = "";

    /// <summary>Codes of the units this person works for, comma separated.</summary>
    public string Units { get; set; } = "";

    /// <summary>
    /// Set when an admin gave this person a temporary password: until they choose their own, every request but
    /// changing the password is refused (403), so the password the admin saw is used once at most.
    /// </summary>
    public bool MustChangePassword { get; set; }

    /// <summary>
    /// When an admin deactivated the account (null: active). The account is also locked out, so Identity refuses its
    /// sign-in; this column is what lists and the "last active admin" rule read.
    /// </summary>
    public DateTimeOffset? DeactivatedAt { get; set; }

    public IReadOnlyList<string> UnitList => Units.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IReadOnlyList<string> GroupList => Groups.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
