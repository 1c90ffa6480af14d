using System.Security.Claims;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Apis;

/// <summary>Reads who is calling from the authenticated principal.</summary>
public static class ActorExtensions
{
    public const string GroupClaim = "wh:group";
    public const string UnitClaim = "wh:unit";

    /// <summary>
    /// The caller's candidate groups are the groups of their account plus their task roles (reception, officer, leader),
    /// which BPMN tasks name in <c>camunda:candidateGroups</c>.
    /// </summary>
    public static Actor ToActor(this ClaimsPrincipal user) => new(
        user.Identity?.Name ?? "anonymous",
        user.IsInRole(Roles.Admin),
        user.FindAll(GroupClaim).Select(c => c.Value).Concat(Roles.TaskRoles.Where(user.IsInRole)).Distinct(StringComparer.Ordinal).ToList())
    {
        Roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(),
        Units = user.FindAll(UnitClaim).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList(),
    };
}
