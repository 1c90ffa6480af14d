using System.Globalization;
using Microsoft.Extensions.Localization;

namespace WorkflowHost.Engine.Localization;

/// <summary>
/// The English text as written in the code (the key is the message), for callers without a localization service:
/// the engine's validator, the router, the unit resolver and the calendars fall back to it.
/// </summary>
public sealed class EnglishMessages<T> : IStringLocalizer<T>
{
    public static readonly EnglishMessages<T> Instance = new();

    public LocalizedString this[string name] => new(name, name, resourceNotFound: true);

    public LocalizedString this[string name, params object[] arguments] =>
        new(name, string.Format(CultureInfo.InvariantCulture, name, arguments), resourceNotFound: true);

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
}
