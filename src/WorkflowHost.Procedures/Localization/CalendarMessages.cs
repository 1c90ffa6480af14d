namespace WorkflowHost.Procedures.Localization;

/// <summary>
/// The sentences of a deadline's explanation (which days were skipped or counted, and why) as the desk and the slip show
/// them; <c>CalendarMessages.vi.resx</c> holds the Vietnamese. Holiday names come from the calendar files as written.
/// </summary>
public sealed class CalendarMessages;
