using System.Security.Claims;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Apis;

/// <summary>Reads who is calling from the authenticated principal.</summary>
public static class ActorExtensions
{
    public const string GroupClaim = "wh:group";

    public static Actor ToActor(this ClaimsPrincipal user) => new(
        user.Identity?.Name ?? "anonymous",
        user.IsInRole(Roles.Admin),
        user.FindAll(GroupClaim).Select(c => c.Value).ToList())
    {
        Roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(),
    };
}
