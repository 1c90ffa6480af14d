namespace WorkflowHost.Engine.Timers;

/// <summary>
/// A business calendar that can also count working time, for the <c>wh:workingDays</c> and <c>wh:workingHours</c>
/// notation of a user task's due date (docs/engine.md). Plain ISO 8601 durations still go through
/// <see cref="IBusinessCalendar.Add"/> and keep their calendar meaning.
/// </summary>
/// <remarks>
/// The same rules as <see cref="IBusinessCalendar"/> apply: pure, thread-safe, the same answer for the same arguments,
/// and the result is after <c>from</c>. When an answer cannot be given (the count leaves the years the calendar knows,
/// or the calendar is unavailable) implementations throw <see cref="ArgumentOutOfRangeException"/>; the engine turns
/// that into an incident on the task, never into a guessed date.
/// </remarks>
public interface IWorkingTimeCalendar : IBusinessCalendar
{
    /// <summary>The instant <paramref name="days"/> working days after <paramref name="from"/> fall due.</summary>
    /// <param name="from">When counting starts (the task opened).</param>
    /// <param name="days">At least 1.</param>
    DateTimeOffset AddWorkingDays(DateTimeOffset from, int days);

    /// <summary>The instant <paramref name="hours"/> hours of office time after <paramref name="from"/> are used up.</summary>
    /// <param name="from">When counting starts (the task opened).</param>
    /// <param name="hours">More than 0.</param>
    DateTimeOffset AddWorkingHours(DateTimeOffset from, decimal hours);
}
