using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace WorkflowHost.Server.Localization;

/// <summary>
/// Identity's password and user-name errors, which the account screens show next to their fields, in the caller's
/// language like the service's own messages (<c>ServerMessages.vi.resx</c>).
/// </summary>
public sealed class IdentityMessages(IStringLocalizer<ServerMessages> L) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), L["Passwords must be at least {0} characters.", length]);
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), L["Passwords must have at least one digit ('0'-'9')."]);
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), L["Passwords must have at least one uppercase ('A'-'Z')."]);
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), L["Passwords must have at least one lowercase ('a'-'z')."]);
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), L["An account called '{0}' already exists.", userName]);

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
