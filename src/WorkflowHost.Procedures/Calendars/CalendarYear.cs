namespace WorkflowHost.Procedures.Calendars;

/// <summary>An office session of a working day, in local time: <see cref="From"/> inclusive, <see cref="To"/> exclusive.</summary>
public readonly record struct OfficeSession(TimeOnly From, TimeOnly To)
{
    /// <summary>The session as text, e.g. <c>07:30–11:30</c>.</summary>
    public override string ToString() => $"{From:HH\\:mm}–{To:HH\\:mm}";
}

/// <summary>What a listed day is, in a calendar year file.</summary>
internal enum DayRuleKind
{
    Holiday,
    SwappedDayOff,
    MakeUpWorkingDay,
}

/// <summary>One day a year file lists: off although a weekday, or worked although a weekend day.</summary>
internal sealed record DayRule(DayRuleKind Kind, string Name, string Source)
{
    public string Reason => $"{Name} ({Source})";
}

/// <summary>One validated year of a calendar (one file).</summary>
internal sealed record CalendarYear(
    int Year,
    TimeZoneInfo Zone,
    IReadOnlySet<DayOfWeek> Weekend,
    IReadOnlyList<OfficeSession> OfficeHours,
    OfficeSession? SaturdayReception,
    IReadOnlyDictionary<DateOnly, DayRule> Days);
