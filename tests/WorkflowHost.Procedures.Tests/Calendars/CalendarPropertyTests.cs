using CsCheck;
using WorkflowHost.Procedures.Calendars;

namespace WorkflowHost.Procedures.Tests.Calendars;

/// <summary>Properties over random instants in the years the shipped calendar covers.</summary>
public sealed class CalendarPropertyTests
{
    private static readonly BusinessCalendar Calendar = ShippedCalendars.Government;

    // Instants from 2025-01-01 to 2027-09-30 (UTC, so the calendar must convert), leaving room to add into 2027.
    private static readonly Gen<DateTimeOffset> Instants =
        Gen.Long[new DateTime(2025, 1, 1).Ticks, new DateTime(2027, 9, 30).Ticks].Select(t => new DateTimeOffset(t, TimeSpan.Zero));

    [Fact]
    public void WorkingTimeBetween_GivesBackN_WhenMeasuringFromAnInstantToItsAddWorkingHoursDeadline()
    {
        Gen.Select(Instants, Gen.Int[1, 20_000]).Sample((from, hundredths) =>
        {
            var hours = hundredths / 100m;
            var due = Calendar.AddWorkingHours(from, hours).DueAt;
            Assert.True(due > from);
            Assert.Equal(TimeSpan.FromTicks((long)(hours * TimeSpan.TicksPerHour)), Calendar.WorkingTimeBetween(from, due, []));
        });
    }

    [Fact]
    public void WorkingTimeBetween_LosesExactlyTheWorkingTimeOfThePause_WhenAPauseOverlapsTheInterval()
    {
        Gen.Select(Instants, Gen.Int[1, 20_000], Gen.Int[-200, 400], Gen.Int[0, 400]).Sample((from, hundredths, pauseStartHours, pauseHours) =>
        {
            var due = Calendar.AddWorkingHours(from, hundredths / 100m).DueAt;
            var pause = (From: from.AddHours(pauseStartHours), To: from.AddHours(pauseStartHours + pauseHours));
            var overlapFrom = pause.From > from ? pause.From : from;
            var overlapTo = pause.To < due ? pause.To : due;
            var lost = Calendar.WorkingTimeBetween(overlapFrom, overlapTo, []);

            Assert.Equal(Calendar.WorkingTimeBetween(from, due, []) - lost, Calendar.WorkingTimeBetween(from, due, [pause]));
        });
    }

    [Fact]
    public void AddWorkingDays_IsStrictlyMonotonicInN_WhenFromIsFixed()
    {
        Gen.Select(Instants, Gen.Int[1, 60]).Sample((from, days) =>
        {
            var shorter = Calendar.AddWorkingDays(from, days);
            var longer = Calendar.AddWorkingDays(from, days + 1);
            Assert.True(shorter.DueAt < longer.DueAt, $"{days} working days from {from:O} is due {shorter.DueAt:O}, {days + 1} is due {longer.DueAt:O}");
            Assert.Equal(days, shorter.Explanation.Count(s => s.Kind == "counted"));
            Assert.True(Calendar.IsWorkingDay(DateOnly.FromDateTime(shorter.DueAt.DateTime)));
        });
    }
}
