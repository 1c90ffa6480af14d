using Microsoft.AspNetCore.Authorization;

namespace WorkflowHost.Server.Extensions;

/// <summary>The roles people hold. The staff roles double as the candidate groups BPMN tasks name.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string ProcessOwner = "process-owner";
    /// <summary>The one-stop desk: receives dossiers and returns results.</summary>
    public const string Reception = "reception";
    /// <summary>Specialist officer of a unit: appraises dossiers.</summary>
    public const string Officer = "officer";
    /// <summary>A unit's leader: approves and signs.</summary>
    public const string Leader = "leader";
    /// <summary>Follows a unit's work; reads its queue, works no task.</summary>
    public const string Manager = "manager";
    /// <summary>Accounts from before unit roles existed: staff whose candidate groups come from their account alone.</summary>
    public const string Staff = "staff";
    public static readonly string[] All = [Admin, ProcessOwner, Reception, Officer, Leader, Manager, Staff];
    /// <summary>Roles that work tasks: each is also a candidate group.</summary>
    public static readonly string[] TaskRoles = [Reception, Officer, Leader];
}

/// <summary>Authorization policies, named for what they allow.</summary>
public static class Policies
{
    public const string ProcessOwner = "process-owner";
    public const string Staff = "staff";
    public const string Operator = "operator";
    public const string Admin = "admin";
    public const string Reception = "reception";
    /// <summary>The SLA dashboard and its exports: managers and leaders of their units, admins.</summary>
    public const string Reports = "reports";

    public static AuthorizationPolicy Roles(params string[] roles) =>
        new AuthorizationPolicyBuilder(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme, Microsoft.AspNetCore.Identity.IdentityConstants.BearerScheme)
            .RequireAuthenticatedUser().RequireRole(roles).Build();
}
