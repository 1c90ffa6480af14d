using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Timers;

namespace WorkflowHost.Engine.Tests.Support;

/// <summary>
/// A working-time calendar whose answers are easy to tell apart from plain time: a working day is ten calendar days,
/// a working hour a hundred hours; plain durations stay plain. Beyond 100 working days it refuses, as a real calendar
/// refuses instants past the years it covers.
/// </summary>
internal sealed class MarkedCalendar : IWorkingTimeCalendar
{
    public DateTimeOffset Add(DateTimeOffset from, IsoDuration duration) => PlainCalendar.Instance.Add(from, duration);

    public DateTimeOffset AddWorkingDays(DateTimeOffset from, int days) =>
        days > 100 ? throw new ArgumentOutOfRangeException(nameof(days), days, "The calendar covers 2025–2027.") : from.AddDays(10 * days);

    public DateTimeOffset AddWorkingHours(DateTimeOffset from, decimal hours) => from.AddHours(100 * (double)hours);
}
