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

    public IReadOnlyList<string> UnitList => Units.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IReadOnlyList<string> GroupList => Groups.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
