using WorkflowHost.Procedures.Calendars;
using WorkflowHost.Procedures.Dossiers;
using static WorkflowHost.Procedures.Tests.Calendars.ShippedCalendars;

namespace WorkflowHost.Procedures.Tests.Calendars;

public sealed class PausedClockTests
{
    private static readonly BusinessCalendar Calendar = Government;

    [Fact]
    public void Shift_MovesTheDeadlineByThePausedOfficeTime_WhenAPauseSpansAWeekend()
    {
        // Paused Fri 13 Mar 2026 15:00 to Tue 17 Mar 09:30: Fri 2 h, Mon 8 h, Tue 2 h = 12 h of office time.
        var pause = (Vn(2026, 3, 13, 15, 0), Vn(2026, 3, 17, 9, 30));
        var due = Vn(2026, 3, 18, 17, 0);

        Assert.Equal(TimeSpan.FromHours(12), PausedClock.PausedWorkingTime(Vn(2026, 3, 10, 8, 0), [pause], Calendar));
        // Wed 18 17:00 + 12 h: Thu 19 (8 h), Fri 20 07:30 + 4 h = 11:30.
        Assert.Equal(Vn(2026, 3, 20, 11, 30), PausedClock.Shift(due, Vn(2026, 3, 10, 8, 0), [pause], Calendar));
    }

    [Fact]
    public void Shift_SkipsTet_WhenTheMovedDeadlineCrossesIt()
    {
        // One full working day paused (Wed 11 Feb 2026): Thu 12 Feb 17:00 moves to Fri 13; Fri 13 17:00 moves over Tết (14–22 Feb) to Mon 23.
        var pause = (Vn(2026, 2, 11, 7, 30), Vn(2026, 2, 11, 17, 0));

        Assert.Equal(Vn(2026, 2, 13, 17, 0), PausedClock.Shift(Vn(2026, 2, 12, 17, 0), Vn(2026, 2, 9, 8, 0), [pause], Calendar));
        Assert.Equal(Vn(2026, 2, 23, 17, 0), PausedClock.Shift(Vn(2026, 2, 13, 17, 0), Vn(2026, 2, 9, 8, 0), [pause], Calendar));
    }

    [Fact]
    public void PausedWorkingTime_CountsOnlyTheTimeAfterTheClockStarted_AndOverlapsOnce()
    {
        var since = Vn(2026, 3, 10, 9, 0);
        (DateTimeOffset, DateTimeOffset)[] pauses =
        [
            (Vn(2026, 3, 10, 7, 30), Vn(2026, 3, 10, 10, 0)), // 1 h after the step opened at 09:00
            (Vn(2026, 3, 10, 13, 0), Vn(2026, 3, 10, 15, 0)), // 2 h
            (Vn(2026, 3, 10, 14, 0), Vn(2026, 3, 10, 16, 0)), // overlaps: 1 h more
        ];

        Assert.Equal(TimeSpan.FromHours(4), PausedClock.PausedWorkingTime(since, pauses, Calendar));
        Assert.Equal(TimeSpan.Zero, PausedClock.PausedWorkingTime(Vn(2026, 3, 11, 8, 0), pauses, Calendar));
    }

    [Fact]
    public void Shift_ByEachPauseInTurn_EqualsShiftByAllAtOnce()
    {
        var since = Vn(2026, 4, 20, 8, 0);
        var due = Calendar.AddWorkingDays(since, 10).DueAt;
        (DateTimeOffset From, DateTimeOffset To)[] pauses =
        [
            (Vn(2026, 4, 22, 10, 15), Vn(2026, 4, 24, 14, 40)),
            (Vn(2026, 4, 28, 16, 0), Vn(2026, 5, 4, 8, 45)), // over 30/4 and 1/5
        ];

        var stepwise = pauses.Aggregate(due, (d, p) => PausedClock.Shift(d, since, [p], Calendar));

        Assert.Equal(PausedClock.Shift(due, since, pauses, Calendar), stepwise);
        Assert.True(stepwise > due);
    }

    [Fact]
    public void AddWorkingTime_IsTheSameInstant_WhenNothingWasPaused()
    {
        var due = Vn(2026, 3, 10, 17, 0);

        Assert.Equal(due, Calendar.AddWorkingTime(due, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingTime(due, TimeSpan.FromMinutes(-1)));
    }

    [Theory]
    [InlineData(2026, 3, 10, 16, 0, "early")]   // due Thu 12 17:00; finished two days before
    [InlineData(2026, 3, 12, 16, 59, "onTime")] // on the due day
    [InlineData(2026, 3, 12, 17, 1, "late")]
    public void Grade_InWorkingTime_UsesTheDueDay_WhenTheBudgetIsADayOrMore(int y, int m, int d, int h, int min, string expected)
    {
        var opened = Vn(2026, 3, 10, 8, 0);
        var due = Calendar.AddWorkingDays(opened, 2).DueAt;

        Assert.Equal(expected, StepGrading.Word(StepGrading.Grade(opened, Vn(y, m, d, h, min), due, Calendar)));
    }

    [Fact]
    public void Grade_InWorkingTime_MeasuresTheHalfInOfficeTime_WhenTheBudgetIsUnderADay()
    {
        // 4 working hours from Tue 10 Mar 10:30: 10:30–11:30, 13:00–16:00. Half (2 h) is used at 13:00 + 1 h = 14:00.
        var opened = Vn(2026, 3, 10, 10, 30);
        var due = Calendar.AddWorkingHours(opened, 4).DueAt;

        Assert.Equal(Vn(2026, 3, 10, 16, 0), due);
        Assert.Equal(StepGrade.Early, StepGrading.Grade(opened, Vn(2026, 3, 10, 14, 0), due, Calendar));
        Assert.Equal(StepGrade.OnTime, StepGrading.Grade(opened, Vn(2026, 3, 10, 14, 1), due, Calendar));
        Assert.Equal(StepGrade.Late, StepGrading.Grade(opened, Vn(2026, 3, 10, 16, 1), due, Calendar));
    }
}
