using WorkflowHost.Engine.Timers;

namespace WorkflowHost.Engine.Tests.Timers;

public sealed class TimerScheduleTests
{
    private static readonly TimeZoneInfo HoChiMinh = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
    private static readonly PlainCalendar Plain = PlainCalendar.Instance;
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 10, 0, 0, TimeSpan.FromHours(7));

    private static TimerCycle Cycle(string text) =>
        Assert.IsType<TimerCycle>(TimerExpression.Parse(TimerKind.Cycle, text, HoChiMinh));

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text);

    /// <summary>Fires a cycle the way the engine does: FirstDue, then NextDue with the count so far, until null.</summary>
    internal static List<DateTimeOffset> Fire(TimerCycle cycle, DateTimeOffset now, IBusinessCalendar calendar, int limit = 50)
    {
        var due = TimerSchedule.FirstDue(cycle, now, calendar);
        var fired = new List<DateTimeOffset> { due };
        while (fired.Count < limit && TimerSchedule.NextDue(cycle, due, fired.Count, calendar) is { } next)
        {
            fired.Add(next);
            due = next;
        }
        return fired;
    }

    [Fact]
    public void FirstDue_IsTheDate_WhenTheDateIsInThePast()
    {
        var past = new DateTimeOffset(1993, 6, 26, 0, 0, 0, TimeSpan.FromHours(7));

        Assert.Equal(past, TimerSchedule.FirstDue(new TimerDate(past), Now, Plain));
    }

    [Fact]
    public void FirstDue_IsTheDate_WhenTheDateIsInTheFuture()
    {
        var future = Now.AddDays(3);

        Assert.True(TimerSchedule.TryFirstDue(new TimerDate(future), Now, Plain, out var due));
        Assert.Equal(future, due);
    }

    [Theory]
    [InlineData("PT0.002S", 0, 0, 0.002)]
    [InlineData("PT1M", 0, 0, 60)]
    [InlineData("P1W", 7, 0, 0)]
    [InlineData("P1DT1.5H", 1, 0, 5400)]
    [InlineData("PT0S", 0, 0, 0)]
    public void FirstDue_IsNowPlusTheDuration_WhenTheTimerIsADuration(string text, int days, int months, double seconds)
    {
        var due = TimerSchedule.FirstDue(new TimerDuration(IsoDuration.Parse(text)), Now, Plain);

        Assert.Equal(Now.AddMonths(months).AddDays(days).AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond)), due);
    }

    [Fact]
    public void FirstDue_AsksTheCalendar_WhenTheHostSuppliesOne()
    {
        var friday = new DateTimeOffset(2026, 1, 2, 10, 0, 0, TimeSpan.FromHours(7));

        var due = TimerSchedule.FirstDue(new TimerDuration(IsoDuration.Parse("P1D")), friday, new WeekdayCalendar());

        Assert.Equal(friday.AddDays(3), due);
    }

    [Fact]
    public void NextDue_IsNullAfterTheThirdFiring_WhenTheCycleIsR3()
    {
        var fired = Fire(Cycle("R3/PT10H"), Now, Plain);

        Assert.Equal([Now.AddHours(10), Now.AddHours(20), Now.AddHours(30)], fired);
        Assert.Null(TimerSchedule.NextDue(Cycle("R3/PT10H"), Now.AddHours(30), 3, Plain));
        Assert.NotNull(TimerSchedule.NextDue(Cycle("R3/PT10H"), Now.AddHours(20), 2, Plain));
    }

    [Fact]
    public void NextDue_KeepsFiringEveryInterval_WhenTheCycleIsUnbounded()
    {
        var fired = Fire(Cycle("R/PT1M"), Now, Plain, limit: 1000);

        Assert.Equal(1000, fired.Count);
        Assert.Equal(Now.AddMinutes(1), fired[0]);
        Assert.Equal(Now.AddMinutes(1000), fired[^1]);
        Assert.Equal(Now.AddMinutes(1_000_001), TimerSchedule.NextDue(Cycle("R/PT1M"), Now.AddMinutes(1_000_000), 1, Plain));
    }

    [Fact]
    public void FirstDue_IsTheStart_WhenTheStartIsInTheFuture()
    {
        var fired = Fire(Cycle("R5/2026-01-02T08:00/P1D"), Now, Plain);

        var start = new DateTimeOffset(2026, 1, 2, 8, 0, 0, TimeSpan.FromHours(7));
        Assert.Equal(Enumerable.Range(0, 5).Select(d => start.AddDays(d)), fired);
    }

    [Fact]
    public void FirstDue_IsTheNextOccurrenceAfterNow_WhenTheStartIsInThePast()
    {
        var cycle = Cycle("R/2026-01-01T08:00/P1D");
        var now = new DateTimeOffset(2026, 1, 3, 10, 0, 0, TimeSpan.FromHours(7));

        var fired = Fire(cycle, now, Plain, limit: 3);

        Assert.Equal([At("2026-01-04T08:00+07:00"), At("2026-01-05T08:00+07:00"), At("2026-01-06T08:00+07:00")], fired);
    }

    [Fact]
    public void FirstDue_IsNow_WhenNowIsExactlyAnOccurrenceOfAPastStart()
    {
        var cycle = Cycle("R/2026-01-01T08:00Z/PT1H");

        Assert.Equal(At("2026-01-01T10:00Z"), TimerSchedule.FirstDue(cycle, At("2026-01-01T10:00Z"), Plain));
        Assert.Equal(At("2026-01-01T11:00Z"), TimerSchedule.FirstDue(cycle, At("2026-01-01T10:00:00.001Z"), Plain));
    }

    [Fact]
    public void NextDue_CountsMissedOccurrencesAgainstTheRepetitions_WhenTheStartIsInThePast()
    {
        var cycle = Cycle("R5/2026-01-01T08:00/P1D"); // occurrences 1 to 5 January at 08:00
        var now = new DateTimeOffset(2026, 1, 3, 10, 0, 0, TimeSpan.FromHours(7));

        var fired = Fire(cycle, now, Plain);

        Assert.Equal([At("2026-01-04T08:00+07:00"), At("2026-01-05T08:00+07:00")], fired);
    }

    [Fact]
    public void TryFirstDue_IsFalseAndGivesTheLastOccurrence_WhenEveryRepetitionIsPast()
    {
        var cycle = Cycle("R2/2025-12-01T08:00Z/PT1H");

        Assert.False(TimerSchedule.TryFirstDue(cycle, Now, Plain, out var due));
        Assert.Equal(At("2025-12-01T09:00Z"), due);
        Assert.Equal(due, TimerSchedule.FirstDue(cycle, Now, Plain));
    }

    [Fact]
    public void TryFirstDue_IsFalseAndGivesTheLastOccurrenceBeforeTheEnd_WhenAStartedCycleHasEnded()
    {
        var cycle = new TimerCycle(null, At("2026-01-01T08:00Z"), IsoDuration.Parse("P1D"), At("2026-01-03T12:00Z"));

        Assert.False(TimerSchedule.TryFirstDue(cycle, At("2026-01-10T00:00Z"), Plain, out var due));
        Assert.Equal(At("2026-01-03T08:00Z"), due);
        Assert.Equal([At("2026-01-02T08:00Z"), At("2026-01-03T08:00Z")], Fire(cycle, At("2026-01-01T09:00Z"), Plain));
    }

    [Fact]
    public void NextDue_IsNullAfterTwoHourlyFirings_WhenTheCycleIsR2WithAUtcStart()
    {
        var fired = Fire(Cycle("R2/2026-01-01T08:00Z/PT1H"), At("2026-01-01T07:00Z"), Plain);

        Assert.Equal([At("2026-01-01T08:00Z"), At("2026-01-01T09:00Z")], fired);
    }

    [Fact]
    public void NextDue_StopsAtTheEnd_WhenTheCycleHasAnEnd()
    {
        var cycle = Cycle("R/P1D/2026-01-05T00:00Z");

        var fired = Fire(cycle, At("2026-01-01T12:00Z"), Plain);

        Assert.Equal([At("2026-01-02T12:00Z"), At("2026-01-03T12:00Z"), At("2026-01-04T12:00Z")], fired);
    }

    [Fact]
    public void NextDue_FiresAtTheEnd_WhenAnOccurrenceFallsExactlyOnIt()
    {
        var cycle = Cycle("R/P1D/2026-01-03T12:00Z");

        Assert.Equal([At("2026-01-02T12:00Z"), At("2026-01-03T12:00Z")], Fire(cycle, At("2026-01-01T12:00Z"), Plain));
    }

    [Fact]
    public void TryFirstDue_IsFalseAndGivesTheEnd_WhenTheEndComesBeforeTheFirstInterval()
    {
        var cycle = Cycle("R/P1D/2026-12-31T00:00Z");

        Assert.True(TimerSchedule.TryFirstDue(cycle, At("2026-12-29T12:00Z"), Plain, out var open));
        Assert.Equal(At("2026-12-30T12:00Z"), open);
        Assert.False(TimerSchedule.TryFirstDue(cycle, At("2026-12-30T12:00Z"), Plain, out var due));
        Assert.Equal(At("2026-12-31T00:00Z"), due);
    }

    [Fact]
    public void NextDue_FollowsTheMonthEndsOfTheStart_WhenTheIntervalIsAMonth()
    {
        var fired = Fire(Cycle("R4/2026-01-31T08:00Z/P1M"), At("2026-01-01T00:00Z"), Plain);

        Assert.Equal([At("2026-01-31T08:00Z"), At("2026-02-28T08:00Z"), At("2026-03-31T08:00Z"), At("2026-04-30T08:00Z")], fired);
    }

    [Fact]
    public void FirstDue_FindsTheNextSecond_WhenAOneSecondCycleStartedDecadesAgo()
    {
        var cycle = Cycle("R/2000-01-01T00:00Z/PT1S");

        Assert.Equal(At("2026-01-01T10:00:01Z"), TimerSchedule.FirstDue(cycle, At("2026-01-01T10:00:00.5Z"), Plain));
        Assert.Equal(At("2026-01-01T10:00:02Z"), TimerSchedule.NextDue(cycle, At("2026-01-01T10:00:01Z"), 1, Plain));
    }

    [Fact]
    public void NextDue_IsNull_WhenTheNextOccurrenceWouldPassTheYear9999()
    {
        var cycle = new TimerCycle(null, null, IsoDuration.Parse("P1Y"), null);

        Assert.Null(TimerSchedule.NextDue(cycle, At("9999-06-01T00:00Z"), 1, Plain));
    }

    [Fact]
    public void NextDue_SkipsTheWeekend_WhenTheHostCalendarCountsWeekdaysOnly()
    {
        var monday = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.FromHours(7));

        var fired = Fire(new TimerCycle(6, null, IsoDuration.Parse("P1D"), null), monday.AddDays(-1), new WeekdayCalendar());

        Assert.Equal(new[] { 0, 1, 2, 3, 4, 7 }.Select(d => monday.AddDays(d)), fired);
    }

    [Fact]
    public void NextDue_Throws_WhenTheCalendarDoesNotMoveTimeForward()
    {
        var cycle = Cycle("R/PT1H");

        var failure = Assert.Throws<InvalidOperationException>(() => TimerSchedule.NextDue(cycle, Now, 1, new FrozenCalendar()));
        Assert.Contains("without moving forward", failure.Message);
    }

    [Fact]
    public void NextDue_Throws_WhenNothingHasFiredYet()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TimerSchedule.NextDue(Cycle("R3/PT1H"), Now, 0, Plain));
    }

    /// <summary>A host calendar in miniature: days are weekdays (Saturday and Sunday are skipped), the rest is plain.</summary>
    private sealed class WeekdayCalendar : IBusinessCalendar
    {
        public DateTimeOffset Add(DateTimeOffset from, IsoDuration duration)
        {
            var result = PlainCalendar.Instance.Add(from, duration with { Weeks = 0, Days = 0 }).AddDays(7 * duration.Weeks);
            for (var left = duration.Days; left > 0;)
            {
                result = result.AddDays(1);
                if (result.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) left--;
            }
            return result;
        }
    }

    private sealed class FrozenCalendar : IBusinessCalendar
    {
        public DateTimeOffset Add(DateTimeOffset from, IsoDuration duration) => from;
    }
}
