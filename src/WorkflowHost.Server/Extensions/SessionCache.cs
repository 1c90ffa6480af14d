using Microsoft.Extensions.Caching.Memory;

namespace WorkflowHost.Server.Extensions;

/// <summary>
/// This node's memory of sessions found valid (<see cref="SecurityExtensions.UseSessionRevocation"/>), keyed by account
/// and security stamp. An admin's change to an account forgets its entry, so the change is felt by the account's very
/// next request on this node; other nodes notice within <see cref="WorkflowHostOptions.SecurityStampValidationInterval"/>.
/// </summary>
public static class SessionCache
{
    public static object Key(string userId, string stamp) => ("session", userId, stamp);

    public static void Forget(this IMemoryCache cache, string userId, string? stamp)
    {
        if (stamp is not null) cache.Remove(Key(userId, stamp));
    }
}
