using System.Globalization;
using Microsoft.Extensions.Localization;
using WorkflowHost.Engine.Timers;
using WorkflowHost.Engine.Localization;
using WorkflowHost.Procedures.Localization;
using static WorkflowHost.Procedures.Calendars.DeadlineStepKinds;

namespace WorkflowHost.Procedures.Calendars;

/// <summary>
/// Working time of one named calendar (e.g. <c>vn-government</c>) over the years its files cover: weekly rest days,
/// public holidays, swapped days off, make-up working Saturdays and office hours, all in one time zone.
/// Immutable and thread-safe; loaded by <see cref="CalendarSet.Load"/>.
/// </summary>
/// <remarks>
/// Rules every operation follows (<c>workflows/calendars/README.md</c> says why):
/// <list type="bullet">
/// <item>A dossier received on a rest day, or on a working day at or after the end of office hours, counts as received
/// at the opening of the next working day (holidays-vn.md's recommended rule; the law is silent).</item>
/// <item>A limit in working days starts counting the working day after the day of receipt (Civil Code 2015 Art. 147:
/// a period in days starts the next day) and falls due at the end of office hours of its last working day: the
/// latest instant a result can be handed over that day.</item>
/// <item>Working hours are the office sessions of working days only; lunch, nights and rest days do not count.</item>
/// <item>A day outside the years the calendar's files cover throws <see cref="ArgumentOutOfRangeException"/>: a
/// deadline is never computed from a year nobody wrote down.</item>
/// </list>
/// Every result's <see cref="Deadline.DueAt"/> carries the calendar's local offset (+07:00 for Asia/Ho_Chi_Minh).
/// </remarks>
public sealed class BusinessCalendar : IWorkingTimeCalendar
{
    private const decimal MaxHours = 1_000_000m;
    private readonly IReadOnlyDictionary<int, CalendarYear> _years;

    // The explanation's sentences, in the caller's UI language (English without a localization service).
    private readonly IStringLocalizer<CalendarMessages> L;

    internal BusinessCalendar(string name, string version, IReadOnlyList<CalendarYear> years, IStringLocalizer<CalendarMessages>? messages = null,
        CalendarTitle? title = null)
    {
        L = messages ?? EnglishMessages<CalendarMessages>.Instance;
        Name = name;
        Title = title ?? new CalendarTitle(name, name);
        Version = version;
        _years = years.ToDictionary(y => y.Year);
        FirstYear = years.Min(y => y.Year);
        LastYear = years.Max(y => y.Year);
        TimeZone = years[0].Zone;
    }

    /// <summary>The calendar's name: its folder under <c>workflows/calendars/</c>.</summary>
    public string Name { get; }

    /// <summary>What people call the calendar, in Vietnamese and English (its folder name when it has no calendar.json).</summary>
    public CalendarTitle Title { get; }

    /// <summary>
    /// The first 12 hex digits of a SHA-256 over the calendar's year files (names and bytes): any change to any file,
    /// such as a holiday announced late, gives a new version.
    /// </summary>
    public string Version { get; }

    /// <summary>The time zone office hours and days are read in.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>The first year a file covers.</summary>
    public int FirstYear { get; }

    /// <summary>The last year a file covers; years are contiguous.</summary>
    public int LastYear { get; }

    /// <summary>True when <paramref name="day"/> is worked: a make-up working day, or a day that is neither a weekly rest
    /// day, nor a holiday, nor a swapped day off.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The day's year is not covered.</exception>
    public bool IsWorkingDay(DateOnly day) => Skipped(day) is null;

    /// <summary>The office sessions of <paramref name="day"/>; empty on a day that is not worked.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The day's year is not covered.</exception>
    public IReadOnlyList<OfficeSession> OfficeHoursOn(DateOnly day) => IsWorkingDay(day) ? YearOf(day).OfficeHours : [];

    /// <summary>The Saturday-morning reception session of <paramref name="day"/>'s year, if the calendar opens one.
    /// A dossier received then still counts as received on the next working day.</summary>
    public OfficeSession? SaturdayReception(DateOnly day) => YearOf(day).SaturdayReception;

    /// <summary>
    /// Adds <paramref name="days"/> working days: counting starts the working day after the day of receipt, and the
    /// deadline is the end of office hours of the last counted day. Received on a rest day or after office hours, the
    /// day of receipt is the next working day.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is less than 1, or the count leaves the years covered.</exception>
    public Deadline AddWorkingDays(DateTimeOffset from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var steps = new List<DeadlineStep>();
        var day = ReceiptDay(from, steps);
        for (var counted = 0; ;)
        {
            day = day.AddDays(1);
            if (Skipped(day) is { } skipped)
            {
                steps.Add(skipped);
                continue;
            }
            counted++;
            steps.Add(new DeadlineStep(day, Counted, L["working day {0} of {1}{2}", counted, days, MakeUpNote(day)]));
            if (counted == days) return Result(At(day, Closing(day)), steps);
        }
    }

    /// <summary>
    /// Adds <paramref name="hours"/> of office time: from <paramref name="from"/> if it falls in a session, otherwise from
    /// the next session's opening. Due the instant the last of that time is used (11:30, not 13:00, when the morning
    /// session uses it up). Time is counted to the tick.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="hours"/> is not positive or is absurdly large, or the count leaves the years covered.</exception>
    public Deadline AddWorkingHours(DateTimeOffset from, decimal hours)
    {
        if (hours <= 0 || hours > MaxHours)
            throw new ArgumentOutOfRangeException(nameof(hours), hours, $"Working hours must be more than 0 and at most {MaxHours}.");
        var target = (long)decimal.Round(hours * TimeSpan.TicksPerHour, MidpointRounding.AwayFromZero);
        var remaining = target;
        var steps = new List<DeadlineStep>();
        var (day, time) = Local(from);
        for (var first = true; ; first = false, day = day.AddDays(1))
        {
            if (Skipped(day) is { } skipped)
            {
                steps.Add(first ? skipped with { Reason = L["{0}; received on a rest day, counting starts at the next opening", skipped.Reason] } : skipped);
                continue;
            }
            var pieces = new List<string>();
            var countedToday = 0L;
            foreach (var session in YearOf(day).OfficeHours)
            {
                var start = Max(At(day, session.From), from);
                var end = At(day, session.To);
                if (end <= start) continue;
                var available = (end - start).Ticks;
                var used = Math.Min(available, remaining);
                remaining -= used;
                countedToday += used;
                var stop = start.AddTicks(used);
                pieces.Add($"{Clock(Local(start).Time)}–{Clock(Local(stop).Time)}");
                if (remaining == 0)
                {
                    steps.Add(HoursStep(day, countedToday, pieces, target - remaining, target));
                    return Result(stop, steps);
                }
            }
            if (countedToday > 0) steps.Add(HoursStep(day, countedToday, pieces, target - remaining, target));
            else if (first) steps.Add(new DeadlineStep(day, AfterHours, L["received {0}, after office hours (closing {1}); counting starts at the next opening", Clock(time), Clock(Closing(day))]));
        }
    }

    /// <summary>
    /// The instant <paramref name="time"/> of office time after <paramref name="from"/> (<see cref="AddWorkingHours"/> to
    /// the tick); <paramref name="from"/> itself when <paramref name="time"/> is zero. Moves a deadline by a paused
    /// interval's working time.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is negative, or the count leaves the years covered.</exception>
    public DateTimeOffset AddWorkingTime(DateTimeOffset from, TimeSpan time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(time, TimeSpan.Zero);
        return time == TimeSpan.Zero ? from : AddWorkingHours(from, (decimal)time.Ticks / TimeSpan.TicksPerHour).DueAt;
    }

    /// <summary>
    /// The same-day rule: received on a working day by <paramref name="cutoff"/> (inclusive: 15:00:00 is not after 15:00)
    /// and before the office closes, due at the end of office hours that day; otherwise (after the cut-off, after office
    /// hours, or on a rest day) due at the end of office hours of the next working day.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The next working day is outside the years covered.</exception>
    public Deadline SameDay(DateTimeOffset receivedAt, TimeOnly cutoff) => SameDayCore(receivedAt, cutoff);

    /// <summary><see cref="SameDay"/>, where a null cut-off means the end of office hours.</summary>
    internal Deadline SameDayCore(DateTimeOffset receivedAt, TimeOnly? cutoff)
    {
        var steps = new List<DeadlineStep>();
        var (day, time) = Local(receivedAt);
        if (Skipped(day) is { } rest)
        {
            steps.Add(rest with { Reason = L["{0}; received on a rest day, due the next working day", rest.Reason] });
        }
        else if (cutoff is { } limit && time > limit)
        {
            steps.Add(new DeadlineStep(day, Cutoff, L["received {0}, after the {1} cut-off; due the next working day", Clock(time), Clock(limit)]));
        }
        else if (time >= Closing(day))
        {
            steps.Add(new DeadlineStep(day, AfterHours, L["received {0}, after office hours (closing {1}); due the next working day", Clock(time), Clock(Closing(day))]));
        }
        else
        {
            steps.Add(new DeadlineStep(day, Counted, cutoff is { } c
                ? L["received {0}, by the {1} cut-off; due the same day{2}", Clock(time), Clock(c), MakeUpNote(day)]
                : L["received {0}; due the same day{1}", Clock(time), MakeUpNote(day)]));
            return Result(At(day, Closing(day)), steps);
        }
        day = NextWorkingDay(day, steps);
        steps.Add(new DeadlineStep(day, Counted, L["next working day{0}", MakeUpNote(day)]));
        return Result(At(day, Closing(day)), steps);
    }

    /// <summary>
    /// Office time between two instants (office sessions of working days only), minus the parts of
    /// <paramref name="paused"/> that fall in it; overlapping pauses count once. Zero when <paramref name="to"/> is not
    /// after <paramref name="from"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A paused interval ends before it starts.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A day between the instants is outside the years covered.</exception>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to, IEnumerable<(DateTimeOffset From, DateTimeOffset To)> paused)
    {
        ArgumentNullException.ThrowIfNull(paused);
        var pauses = Merge(paused);
        if (to <= from) return TimeSpan.Zero;
        var total = 0L;
        var (last, until) = Local(to);
        if (until == TimeOnly.MinValue) last = last.AddDays(-1); // ends at midnight: nothing of that day counts (it may be uncovered)
        for (var day = Local(from).Day; day <= last; day = day.AddDays(1))
        {
            if (!IsWorkingDay(day)) continue;
            foreach (var session in YearOf(day).OfficeHours)
            {
                var start = Max(At(day, session.From), from).UtcTicks;
                var end = Min(At(day, session.To), to).UtcTicks;
                if (end <= start) continue;
                total += end - start;
                foreach (var (pauseFrom, pauseTo) in pauses)
                    total -= Math.Max(0, Math.Min(end, pauseTo) - Math.Max(start, pauseFrom));
            }
        }
        return TimeSpan.FromTicks(total);
    }

    /// <summary>
    /// The engine's seam: plain ISO 8601 durations keep their calendar meaning (P5D is five calendar days), exactly as
    /// <see cref="PlainCalendar"/>; working time is asked for explicitly through the other methods.
    /// </summary>
    public DateTimeOffset Add(DateTimeOffset from, IsoDuration duration) => PlainCalendar.Instance.Add(from, duration);

    /// <summary>For the engine's <c>wh:workingDays</c>: <see cref="AddWorkingDays"/> without the explanation.</summary>
    DateTimeOffset IWorkingTimeCalendar.AddWorkingDays(DateTimeOffset from, int days) => AddWorkingDays(from, days).DueAt;

    /// <summary>For the engine's <c>wh:workingHours</c>: <see cref="AddWorkingHours"/> without the explanation.</summary>
    DateTimeOffset IWorkingTimeCalendar.AddWorkingHours(DateTimeOffset from, decimal hours) => AddWorkingHours(from, hours).DueAt;

    /// <summary>The day a dossier counts as received, with the steps that explain it.</summary>
    private DateOnly ReceiptDay(DateTimeOffset from, List<DeadlineStep> steps)
    {
        var (day, time) = Local(from);
        if (Skipped(day) is { } rest)
        {
            var atDesk = day.DayOfWeek == DayOfWeek.Saturday && SaturdayReception(day) is { } session && session.From <= time && time < session.To;
            steps.Add(rest with
            {
                Reason = atDesk
                    ? L["{0}; received on a rest day (Saturday-morning reception), counted as received the next working day", rest.Reason]
                    : L["{0}; received on a rest day, counted as received the next working day", rest.Reason],
            });
        }
        else if (time >= Closing(day))
        {
            steps.Add(new DeadlineStep(day, AfterHours, L["received {0}, after office hours (closing {1}); counted as received the next working day", Clock(time), Clock(Closing(day))]));
        }
        else
        {
            steps.Add(new DeadlineStep(day, Received, L["received {0}; counting starts the next working day", Clock(time)]));
            return day;
        }
        day = NextWorkingDay(day, steps);
        steps.Add(new DeadlineStep(day, Received, L["counted as the day of receipt; counting starts the next working day"]));
        return day;
    }

    /// <summary>The first working day after <paramref name="day"/>, adding a step for each day skipped.</summary>
    private DateOnly NextWorkingDay(DateOnly day, List<DeadlineStep> steps)
    {
        while (true)
        {
            day = day.AddDays(1);
            if (Skipped(day) is not { } skipped) return day;
            steps.Add(skipped);
        }
    }

    /// <summary>The step explaining why a day is not worked; null for a working day.</summary>
    private DeadlineStep? Skipped(DateOnly day)
    {
        var year = YearOf(day);
        if (year.Days.TryGetValue(day, out var rule))
        {
            return rule.Kind switch
            {
                DayRuleKind.Holiday => new DeadlineStep(day, Holiday, rule.Reason),
                DayRuleKind.SwappedDayOff => new DeadlineStep(day, Swapped, rule.Reason),
                _ => null,
            };
        }
        return year.Weekend.Contains(day.DayOfWeek) ? new DeadlineStep(day, Weekend, WeekdayName(day.DayOfWeek)) : null;
    }

    private string WeekdayName(DayOfWeek weekday) => weekday switch
    {
        DayOfWeek.Monday => L["Monday"],
        DayOfWeek.Tuesday => L["Tuesday"],
        DayOfWeek.Wednesday => L["Wednesday"],
        DayOfWeek.Thursday => L["Thursday"],
        DayOfWeek.Friday => L["Friday"],
        DayOfWeek.Saturday => L["Saturday"],
        _ => L["Sunday"],
    };

    private string MakeUpNote(DateOnly day) =>
        YearOf(day).Days.TryGetValue(day, out var rule) && rule.Kind == DayRuleKind.MakeUpWorkingDay ? $" ({rule.Reason})" : "";

    private CalendarYear YearOf(DateOnly day) =>
        _years.TryGetValue(day.Year, out var year)
            ? year
            : throw new ArgumentOutOfRangeException(nameof(day), day,
                $"The calendar '{Name}' covers {FirstYear}–{LastYear}; {day:yyyy-MM-dd} is outside it, so no deadline can be counted there.");

    private TimeOnly Closing(DateOnly day) => YearOf(day).OfficeHours[^1].To;

    private DateTimeOffset At(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time);
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local));
    }

    private (DateOnly Day, TimeOnly Time) Local(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime;
        return (DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
    }

    private Deadline Result(DateTimeOffset due, List<DeadlineStep> steps) =>
        new(TimeZoneInfo.ConvertTime(due, TimeZone), Name, Version, steps.ToArray());

    private DeadlineStep HoursStep(DateOnly day, long countedToday, List<string> pieces, long soFar, long target) =>
        new(day, Counted, L["{0} counted ({1}); {2} of {3} working hours", Span(countedToday), string.Join(", ", pieces), Span(soFar), Span(target)]);

    private static List<(long From, long To)> Merge(IEnumerable<(DateTimeOffset From, DateTimeOffset To)> paused)
    {
        var sorted = new List<(long From, long To)>();
        foreach (var (from, to) in paused)
        {
            if (to < from) throw new ArgumentException($"The paused interval {from:O} – {to:O} ends before it starts.", nameof(paused));
            sorted.Add((from.UtcTicks, to.UtcTicks));
        }
        sorted.Sort();
        var merged = new List<(long From, long To)>();
        foreach (var pause in sorted)
        {
            if (merged.Count > 0 && pause.From <= merged[^1].To)
                merged[^1] = (merged[^1].From, Math.Max(merged[^1].To, pause.To));
            else
                merged.Add(pause);
        }
        return merged;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;

    /// <summary>A local time as HH:mm, with seconds only when they are not zero.</summary>
    private static string Clock(TimeOnly time) =>
        time.ToString(time.Second == 0 && time.Millisecond == 0 && time.Microsecond == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A length of office time as h:mm (e.g. 3:30), rounded down to the minute.</summary>
    private static string Span(long ticks)
    {
        var span = TimeSpan.FromTicks(ticks);
        return string.Create(CultureInfo.InvariantCulture, $"{(long)span.TotalHours}:{span.Minutes:00}");
    }
}
