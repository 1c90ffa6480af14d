using Microsoft.AspNetCore.Authorization;

namespace WorkflowHost.Server.Extensions;

/// <summary>The roles people hold.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string ProcessOwner = "process-owner";
    public const string Staff = "staff";
    public const string Manager = "manager";
    public static readonly string[] All = [Admin, ProcessOwner, Staff, Manager];
}

/// <summary>Authorization policies, named for what they allow.</summary>
public static class Policies
{
    public const string ProcessOwner = "process-owner";
    public const string Staff = "staff";
    public const string Operator = "operator";
    public const string Admin = "admin";

    public static AuthorizationPolicy Roles(params string[] roles) =>
        new AuthorizationPolicyBuilder(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme, Microsoft.AspNetCore.Identity.IdentityConstants.BearerScheme)
            .RequireAuthenticatedUser().RequireRole(roles).Build();
}
