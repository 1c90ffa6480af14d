using System.Net.Mail;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Services;

/// <summary>
/// Checks what an admin types into an account, before anything is read or written, and names each field at fault
/// (422) in the caller's language (<c>ServerMessages.vi.resx</c>). Units are checked against the administrative units
/// valid today: a ward merged away on 2025-07-01 cannot be given to a new officer.
/// </summary>
public static partial class AccountInput
{
    /// <summary>Roles that act for a unit: an account holding one must name at least one unit.</summary>
    public static readonly string[] UnitRoles = [Roles.Reception, Roles.Officer, Roles.Leader, Roles.Manager];

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,63}$")]
    private static partial Regex UserNamePattern();

    public static string UserName(string? userName, List<FieldError> errors, IStringLocalizer L)
    {
        var name = userName?.Trim() ?? "";
        if (!UserNamePattern().IsMatch(name))
            errors.Add(Field("userName", L["Use 2 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. officer.thanh-khe)."]));
        return name;
    }

    public static string DisplayName(string? displayName, List<FieldError> errors, IStringLocalizer L)
    {
        var name = displayName?.Trim() ?? "";
        if (name.Length == 0) errors.Add(Field("displayName", L["Give the person's full name as colleagues know it."]));
        else if (name.Length > 200) errors.Add(Field("displayName", L["Use at most 200 characters."]));
        return name;
    }

    /// <summary>An address is optional (reminders are e-mailed when there is one) but must be a whole address when given.</summary>
    public static string? Email(string? email, List<FieldError> errors, IStringLocalizer L)
    {
        var text = email?.Trim() ?? "";
        if (text.Length == 0) return null;
        if (text.Length > 256 || !MailAddress.TryCreate(text, out var parsed) || parsed.Address != text || !parsed.Host.Contains('.', StringComparison.Ordinal))
            errors.Add(Field("email", L["'{0}' is not an e-mail address (name@domain.vn).", text]));
        return text;
    }

    public static IReadOnlyList<string> RoleList(IReadOnlyList<string>? roles, List<FieldError> errors, IStringLocalizer L)
    {
        var list = (roles ?? []).Select(r => r?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
        if (list.Count == 0) errors.Add(Field("roles", L["Give the account at least one role."]));
        foreach (var role in list.Where(r => !Roles.All.Contains(r, StringComparer.Ordinal)))
            errors.Add(Field("roles", L["'{0}' is not a role; use one of {1}.", role, string.Join(", ", Roles.All)]));
        return list;
    }

    public static IReadOnlyList<string> UnitList(IReadOnlyList<string>? units, IReadOnlyList<string> roles, OneStopData data, DateTimeOffset now, List<FieldError> errors, IStringLocalizer L)
    {
        var list = (units ?? []).Select(u => u?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
        foreach (var code in list)
        {
            if (data.Unit(code, now) is null)
                errors.Add(Field("units", code.Length == 0 ? L["A unit code is empty."]
                    : L["No unit has code '{0}' today ({1:yyyy-MM-dd}); old wards merged on 2025-07-01 are no longer valid.", code, data.DayOf(now)]));
        }
        if (list.Count == 0 && roles.Any(r => UnitRoles.Contains(r, StringComparer.Ordinal)))
            errors.Add(Field("units", L["Reception staff, officers, leaders and managers work for a unit; name at least one."]));
        return list;
    }

    public static void Throw(List<FieldError> errors, IStringLocalizer L)
    {
        if (errors.Count > 0) throw new InvalidInputException(L["The account is not valid; see errors."], errors);
    }

    public static FieldError Field(string field, string message) => new(null, null, message, field);
}
