namespace WorkflowHost.Engine.Validation;

/// <summary>
/// The validation messages a process owner reads in the designer: the English text is the key,
/// <c>ValidationMessages.vi.resx</c> holds the Vietnamese (<see cref="EngineOptions.Messages"/>).
/// </summary>
public sealed class ValidationMessages;

/// <summary>The English text as written in the code, for hosts without a localization service.</summary>
internal sealed class EnglishValidationMessages : Microsoft.Extensions.Localization.IStringLocalizer<ValidationMessages>
{
    public static readonly EnglishValidationMessages Instance = new();

    public Microsoft.Extensions.Localization.LocalizedString this[string name] => new(name, name, resourceNotFound: true);

    public Microsoft.Extensions.Localization.LocalizedString this[string name, params object[] arguments] =>
        new(name, string.Format(System.Globalization.CultureInfo.InvariantCulture, name, arguments), resourceNotFound: true);

    public IEnumerable<Microsoft.Extensions.Localization.LocalizedString> GetAllStrings(bool includeParentCultures) => [];
}
