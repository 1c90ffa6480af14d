using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using WorkflowHost.Data.Entities;
using WorkflowHost.Server.Apis;

namespace WorkflowHost.Server.Extensions;

/// <summary>
/// Puts a person's units and candidate groups into their principal. Identity rebuilds the principal from the account
/// whenever it revalidates the session, so changing someone's units takes effect the same way a role change does.
/// </summary>
public sealed class UnitClaimsPrincipalFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        foreach (var group in user.GroupList) identity.AddClaim(new Claim(ActorExtensions.GroupClaim, group));
        foreach (var unit in user.UnitList) identity.AddClaim(new Claim(ActorExtensions.UnitClaim, unit));
        if (user.MustChangePassword) identity.AddClaim(new Claim(PasswordChangeGate.Claim, "true"));
        return identity;
    }
}
