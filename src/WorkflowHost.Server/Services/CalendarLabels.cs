using WorkflowHost.Procedures.Calendars;

namespace WorkflowHost.Server.Services;

/// <summary>Turns the calendar a deadline recorded (<c>vn-government@3f2a…</c>) into the name people read, keeping the version as a detail.</summary>
public static class CalendarLabels
{
    public static CalendarLabel Of(BusinessCalendar calendar) => new(calendar.Name, calendar.Version, calendar.Title.Vi, calendar.Title.En);

    /// <summary>The label of a recorded <c>name@version</c>; a calendar no longer loaded is shown by its name.</summary>
    public static CalendarLabel? Of(string? recorded, CalendarSet calendars)
    {
        if (string.IsNullOrEmpty(recorded)) return null;
        var at = recorded.IndexOf('@');
        var (name, version) = at < 0 ? (recorded, "") : (recorded[..at], recorded[(at + 1)..]);
        return calendars.TryGet(name, out var calendar)
            ? new CalendarLabel(name, version, calendar.Title.Vi, calendar.Title.En)
            : new CalendarLabel(name, version, name, name);
    }
}
