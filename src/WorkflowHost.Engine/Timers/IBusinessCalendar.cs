namespace WorkflowHost.Engine.Timers;

/// <summary>
/// The seam through which the host decides what a timer duration means. The engine asks it for every timer duration,
/// cycle interval and task due date; <see cref="PlainCalendar"/> is used when the host supplies none
/// (<see cref="EngineOptions.Calendar"/>). A host-supplied calendar may give a "day" its own meaning, for example a
/// working day that skips weekends and public holidays, or hours counted in office hours only.
/// </summary>
/// <remarks>
/// Implementations must be pure and thread-safe: the engine has no clock and no I/O, calls <see cref="Add"/> from any
/// thread, and expects the same answer for the same arguments (replaying a command must schedule the same timers),
/// so a calendar loads its holidays up front rather than on a call. They must also be monotonic: a duration that is
/// at least as long in every component never gives an earlier instant, and a non-zero duration gives an instant after
/// <c>from</c>; cycle scheduling searches occurrences on that assumption.
/// </remarks>
public interface IBusinessCalendar
{
    /// <summary>
    /// Adds a duration to an instant. Implementations decide what a "day" is; the plain one is calendar time.
    /// </summary>
    /// <param name="from">The instant to start from, in any offset.</param>
    /// <param name="duration">The duration to add; never negative.</param>
    /// <returns>The instant the duration ends; should be <paramref name="from"/> when the duration is zero.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The result is outside the range of <see cref="DateTimeOffset"/>.</exception>
    DateTimeOffset Add(DateTimeOffset from, IsoDuration duration);
}
