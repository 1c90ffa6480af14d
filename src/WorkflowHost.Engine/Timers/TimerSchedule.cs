namespace WorkflowHost.Engine.Timers;

/// <summary>
/// Turns parsed timers into due times. Pure: the caller passes the current instant, and every length of time goes
/// through the <see cref="IBusinessCalendar"/> it passes, so a host calendar decides what a day is.
/// </summary>
public static class TimerSchedule
{
    // The occurrence search gives up past this index: 10,000 years hold fewer than 2^62 ticks, so with a calendar that
    // moves forward at least a tick per interval no occurrence before the year 9999 lies beyond it.
    private const long MaxIndex = 1L << 62;

    /// <summary>
    /// When a timer that starts waiting at <paramref name="now"/> first fires. Date: the date (even if past: fire at
    /// once = return it). Duration: <c>calendar.Add(now, d)</c>. Cycle: Start if given (or if Start is in the past, the
    /// first <c>Start + k × Interval</c> ≥ now, where <c>k × Interval</c> is the interval with every component times k,
    /// added to Start by the calendar), else <c>calendar.Add(now, Interval)</c>.
    /// </summary>
    /// <remarks>
    /// A cycle that has no occurrence left at or after <paramref name="now"/> (all its repetitions, or its End, are
    /// passed) has no true answer; the result is then the last occurrence it had, or its End when it had none — the
    /// same "fire at once" as a past date when that lies in the past. Use <see cref="TryFirstDue"/> to tell the cases apart.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The due time would fall after the year 9999.</exception>
    public static DateTimeOffset FirstDue(TimerDefinition timer, DateTimeOffset now, IBusinessCalendar calendar)
    {
        TryFirstDue(timer, now, calendar, out var due);
        return due;
    }

    /// <summary>
    /// Like <see cref="FirstDue"/>, but returns false for a cycle with no occurrence left at or after <paramref name="now"/>
    /// (a caller should then not schedule it); <paramref name="due"/> is then what <see cref="FirstDue"/> returns.
    /// Dates and durations always return true.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The due time of a date or duration would fall after the year 9999.</exception>
    public static bool TryFirstDue(TimerDefinition timer, DateTimeOffset now, IBusinessCalendar calendar, out DateTimeOffset due)
    {
        ArgumentNullException.ThrowIfNull(timer);
        ArgumentNullException.ThrowIfNull(calendar);
        switch (timer)
        {
            case TimerDate date:
                due = date.At;
                return true;
            case TimerDuration duration:
                due = calendar.Add(now, duration.Duration);
                return true;
            case TimerCycle { Start: null } cycle:
                var next = TryAdd(calendar, now, cycle.Interval);
                if (next is { } first && !(first > cycle.End))
                {
                    due = first;
                    return true;
                }
                due = cycle.End ?? throw new ArgumentOutOfRangeException(nameof(timer), timer, $"The first occurrence of the cycle from {now:O} falls after the year 9999.");
                return false;
            case TimerCycle cycle:
                var (index, occurrence) = FirstIndex(cycle, calendar, t => t >= now);
                if (occurrence is { } found && InBounds(cycle, index, found))
                {
                    due = found;
                    return true;
                }
                due = Last(cycle, calendar);
                return false;
            case TimerWorkingTime working:
                // A calendar that cannot count working time gives no date rather than a guessed one: the engine raises an incident.
                if (calendar is not IWorkingTimeCalendar workingCalendar)
                    throw new ArgumentOutOfRangeException(nameof(calendar), calendar, "This host has no working-time calendar for wh:workingDays / wh:workingHours.");
                due = working.Days is { } days ? workingCalendar.AddWorkingDays(now, days) : workingCalendar.AddWorkingHours(now, working.Hours!.Value);
                return true;
            default:
                throw new ArgumentOutOfRangeException(nameof(timer), timer, "Not a known timer definition.");
        }
    }

    /// <summary>
    /// For cycles: the due time after <paramref name="previousDue"/>, given how many times it has fired so far (including the
    /// one just fired). Null when repetitions are used up or End is passed.
    /// </summary>
    /// <remarks>
    /// With a Start the result is the first <c>Start + k × Interval</c> after <paramref name="previousDue"/>, so month ends
    /// do not drift (Jan 31, Feb 28, Mar 31 for P1M) and occurrences skipped before the timer started still count against
    /// the repetitions (an R3 cycle whose first occurrence was missed fires twice). Without a Start it is
    /// <c>calendar.Add(previousDue, Interval)</c>. Null also when the next occurrence would fall after the year 9999.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="firedSoFar"/> is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The calendar did not move time forward, which would fire the timer endlessly.</exception>
    public static DateTimeOffset? NextDue(TimerCycle cycle, DateTimeOffset previousDue, int firedSoFar, IBusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfLessThan(firedSoFar, 1);
        if (firedSoFar >= cycle.Repetitions) return null;
        DateTimeOffset next;
        if (cycle.Start is null)
        {
            if (TryAdd(calendar, previousDue, cycle.Interval) is not { } added) return null;
            next = added;
        }
        else
        {
            var (index, occurrence) = FirstIndex(cycle, calendar, t => t > previousDue);
            if (occurrence is not { } found || !InBounds(cycle, index, found)) return null;
            next = found;
        }
        if (next <= previousDue)
            throw new InvalidOperationException($"The calendar {calendar.GetType().Name} added {cycle.Interval} to {previousDue:O} without moving forward.");
        return next > cycle.End ? null : next;
    }

    private static bool InBounds(TimerCycle cycle, long index, DateTimeOffset due) =>
        !(index >= cycle.Repetitions) && !(due > cycle.End);

    /// <summary>The last occurrence a cycle with a Start has within its repetitions, its End and the year 9999.</summary>
    private static DateTimeOffset Last(TimerCycle cycle, IBusinessCalendar calendar)
    {
        var last = FirstIndex(cycle, calendar, _ => false).Index - 1; // the last one before 9999
        if (cycle.Repetitions is { } repetitions) last = Math.Min(last, repetitions - 1);
        if (cycle.End is { } end) last = Math.Min(last, FirstIndex(cycle, calendar, t => t > end).Index - 1);
        // Start itself is an occurrence and never after End, so last is at least 0 and representable.
        return Occurrence(cycle, calendar, Math.Max(last, 0)) ?? cycle.Start!.Value;
    }

    /// <summary>
    /// The smallest k whose occurrence <c>Start + k × Interval</c> is <paramref name="reached"/> or falls after the year 9999
    /// (Due is then null), by doubling then bisection, which relies on the calendar being monotonic.
    /// </summary>
    private static (long Index, DateTimeOffset? Due) FirstIndex(TimerCycle cycle, IBusinessCalendar calendar, Func<DateTimeOffset, bool> reached)
    {
        bool Reached(DateTimeOffset? due) => due is not { } d || reached(d);
        if (Reached(cycle.Start)) return (0, cycle.Start);
        long low = 0, high = 1; // Reached(low) is false, Reached(high) is what we look for
        while (!Reached(Occurrence(cycle, calendar, high)))
        {
            if (high >= MaxIndex) return (MaxIndex, null);
            low = high;
            high *= 2;
        }
        while (high - low > 1)
        {
            var middle = low + (high - low) / 2;
            if (Reached(Occurrence(cycle, calendar, middle))) high = middle;
            else low = middle;
        }
        return (high, Occurrence(cycle, calendar, high));
    }

    private static DateTimeOffset? Occurrence(TimerCycle cycle, IBusinessCalendar calendar, long index) =>
        index == 0 ? cycle.Start : cycle.Interval.Times(index) is { } length ? TryAdd(calendar, cycle.Start!.Value, length) : null;

    private static DateTimeOffset? TryAdd(IBusinessCalendar calendar, DateTimeOffset from, IsoDuration duration)
    {
        try
        {
            return calendar.Add(from, duration);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
