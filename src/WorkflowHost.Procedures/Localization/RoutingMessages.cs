using Microsoft.Extensions.Localization;

namespace WorkflowHost.Procedures.Localization;

/// <summary>
/// The routing and unit-resolution messages a reception clerk reads (refusals next to the field, the routing
/// explanation). The English text is the key; <c>RoutingMessages.vi.resx</c> holds the Vietnamese. The request's UI
/// culture picks the language (the web app sends its language; API clients get English unless they ask).
/// </summary>
public sealed class RoutingMessages;

/// <summary>
/// The sentences of a deadline's explanation (which days were skipped or counted, and why) as the desk and the slip show
/// them; <c>CalendarMessages.vi.resx</c> holds the Vietnamese. Holiday names come from the calendar files as written.
/// </summary>
public sealed class CalendarMessages;

/// <summary>English as written in the code, for callers (tests, tools) without a localization service.</summary>
public sealed class EnglishMessages<T> : IStringLocalizer<T>
{
    public static readonly EnglishMessages<T> Instance = new();

    public LocalizedString this[string name] => new(name, name, resourceNotFound: true);

    public LocalizedString this[string name, params object[] arguments] =>
        new(name, string.Format(System.Globalization.CultureInfo.InvariantCulture, name, arguments), resourceNotFound: true);

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
}
