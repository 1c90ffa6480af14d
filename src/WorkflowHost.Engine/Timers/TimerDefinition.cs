namespace WorkflowHost.Engine.Timers;

/// <summary>
/// A parsed BPMN timer: exactly one of <see cref="TimerDate"/> (<c>timeDate</c>), <see cref="TimerDuration"/>
/// (<c>timeDuration</c>) or <see cref="TimerCycle"/> (<c>timeCycle</c>); no other subtypes exist. Values are immutable
/// and hold no clock: <see cref="TimerSchedule"/> turns them into due times.
/// </summary>
public abstract record TimerDefinition
{
    private protected TimerDefinition() { }
}

/// <summary>
/// A timer due after working time (<c>wh:workingDays</c> or <c>wh:workingHours</c> on the <c>timerEventDefinition</c>),
/// counted by the host's <see cref="IWorkingTimeCalendar"/> exactly as a user task's working-time due date: days from
/// the working day after the timer starts waiting, due at the end of office hours; hours of office time to the tick.
/// Exactly one of <see cref="Days"/> (≥ 1) and <see cref="Hours"/> (&gt; 0) is set.
/// </summary>
public sealed record TimerWorkingTime(int? Days, decimal? Hours) : TimerDefinition;

/// <summary>A timer due at a fixed instant (<c>timeDate</c>).</summary>
/// <param name="At">The instant; a text without an offset was resolved in the engine's time zone when parsed.</param>
public sealed record TimerDate(DateTimeOffset At) : TimerDefinition;

/// <summary>A timer due a duration after it starts waiting (<c>timeDuration</c>); a zero duration is due at once.</summary>
/// <param name="Duration">How long to wait.</param>
public sealed record TimerDuration(IsoDuration Duration) : TimerDefinition;

/// <summary>
/// A repeating timer (<c>timeCycle</c>, ISO 8601 <c>R[n]/[start/]interval[/end]</c>). Repetitions null = unbounded (R/…);
/// Start/End optional.
/// </summary>
/// <remarks>
/// Guarantees (the constructor and <c>with</c> throw <see cref="ArgumentOutOfRangeException"/> otherwise):
/// <see cref="Repetitions"/> is null or at least 1, <see cref="Interval"/> is not zero, and <see cref="End"/> is not
/// before <see cref="Start"/>. The occurrences are <c>Start + k × Interval</c> for k = 0, 1, … (k counted from Start
/// even when some lie in the past, as ISO 8601 and Camunda count them), or, without a Start, one Interval after the
/// timer starts waiting and then every Interval; at most <see cref="Repetitions"/> of them and none after <see cref="End"/>.
/// </remarks>
/// <param name="Repetitions">How many times the timer fires in all; null for unbounded (<c>R/…</c>).</param>
/// <param name="Start">The first occurrence; null to start one interval after the timer starts waiting.</param>
/// <param name="Interval">The time between occurrences.</param>
/// <param name="End">The last instant at which an occurrence may fall (inclusive); null for none.</param>
public sealed record TimerCycle(int? Repetitions, DateTimeOffset? Start, IsoDuration Interval, DateTimeOffset? End) : TimerDefinition
{
    /// <summary>How many times the timer fires in all; null for unbounded; never zero or negative.</summary>
    public int? Repetitions { get; init => field = CheckRepetitions(value); } = CheckRepetitions(Repetitions);

    /// <summary>The first occurrence, or null.</summary>
    public DateTimeOffset? Start
    {
        get;
        init
        {
            CheckOrder(value, End);
            field = value;
        }
    } = Start;

    /// <summary>The time between occurrences; never zero.</summary>
    public IsoDuration Interval { get; init => field = CheckInterval(value); } = CheckInterval(Interval);

    /// <summary>The last instant at which an occurrence may fall (inclusive), or null; never before <see cref="Start"/>.</summary>
    public DateTimeOffset? End { get; init => field = CheckOrder(Start, value); } = CheckOrder(Start, End);

    private static int? CheckRepetitions(int? value) =>
        value is null or >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Repetitions), value, "A cycle repeats at least once (R1), or without bound (null).");

    private static IsoDuration CheckInterval(IsoDuration value) =>
        !value.IsZero ? value : throw new ArgumentOutOfRangeException(nameof(Interval), value, "A cycle interval cannot be zero.");

    private static DateTimeOffset? CheckOrder(DateTimeOffset? start, DateTimeOffset? end) =>
        start is null || end is null || end >= start ? end : throw new ArgumentOutOfRangeException(nameof(End), end, "A cycle cannot end before it starts.");
}

/// <summary>Which BPMN timer element a text comes from: <c>timeDate</c>, <c>timeDuration</c> or <c>timeCycle</c>.</summary>
public enum TimerKind
{
    /// <summary><c>timeDate</c>: an ISO 8601 date or date-time.</summary>
    Date,
    /// <summary><c>timeDuration</c>: an ISO 8601 duration.</summary>
    Duration,
    /// <summary><c>timeCycle</c>: an ISO 8601 repeating interval.</summary>
    Cycle,
}
