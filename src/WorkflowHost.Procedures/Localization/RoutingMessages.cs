namespace WorkflowHost.Procedures.Localization;

/// <summary>
/// The routing and unit-resolution messages a reception clerk reads (refusals next to the field, the routing
/// explanation). The English text is the key; <c>RoutingMessages.vi.resx</c> holds the Vietnamese. The request's UI
/// culture picks the language (the web app sends its language; API clients get English unless they ask).
/// </summary>
public sealed class RoutingMessages;
