using WorkflowHost.Procedures.Calendars;
using static WorkflowHost.Procedures.Tests.Calendars.ShippedCalendars;

namespace WorkflowHost.Procedures.Tests.Calendars;

/// <summary>Office hours 07:30–11:30 and 13:00–17:00 on working days only.</summary>
public sealed class WorkingHoursTests
{
    private static readonly BusinessCalendar Calendar = Government;

    [Fact]
    public void AddWorkingHours_SkipsLunch_WhenTheCountCrossesNoon()
    {
        var deadline = Calendar.AddWorkingHours(Vn(2026, 3, 10, 10, 30), 2);

        Assert.Equal(Vn(2026, 3, 10, 14, 0), deadline.DueAt);
        Assert.Equal("2:00 counted (10:30–11:30, 13:00–14:00); 2:00 of 2:00 working hours", Assert.Single(deadline.Explanation).Reason);
    }

    [Fact]
    public void AddWorkingHours_EndsAtNoonClosing_WhenTheMorningUsesUpTheHours()
    {
        Assert.Equal(Vn(2026, 3, 10, 11, 30), Calendar.AddWorkingHours(Vn(2026, 3, 10, 7, 30), 4).DueAt);
    }

    [Fact]
    public void AddWorkingHours_ContinuesNextMorning_WhenTheCountCrossesTheNight()
    {
        var deadline = Calendar.AddWorkingHours(Vn(2026, 3, 10, 16, 0), 2);

        Assert.Equal(Vn(2026, 3, 11, 8, 30), deadline.DueAt);
        Assert.Equal([("2026-03-10", "counted"), ("2026-03-11", "counted")], Steps(deadline));
    }

    [Fact]
    public void AddWorkingHours_ContinuesMonday_WhenStartedLateOnFriday()
    {
        Assert.Equal(Vn(2026, 3, 16, 8, 0), Calendar.AddWorkingHours(Vn(2026, 3, 13, 16, 30), 1).DueAt);
    }

    [Fact]
    public void AddWorkingHours_StartsAtTheNextOpening_WhenReceivedAfterOfficeHours()
    {
        var deadline = Calendar.AddWorkingHours(Vn(2026, 3, 10, 18, 0), 1.5m);

        Assert.Equal(Vn(2026, 3, 11, 9, 0), deadline.DueAt);
        Assert.Equal([("2026-03-10", "after-hours"), ("2026-03-11", "counted")], Steps(deadline));
    }

    [Fact]
    public void AddWorkingHours_SkipsTet_WhenStartedTheFridayBefore()
    {
        var deadline = Calendar.AddWorkingHours(Vn(2026, 2, 13, 16, 0), 2);

        Assert.Equal(Vn(2026, 2, 23, 8, 30), deadline.DueAt);
        Assert.Equal(5, deadline.Explanation.Count(s => s.Kind == "holiday"));
    }

    [Fact]
    public void WorkingTimeBetween_IsSixteenHours_WhenSpanningTwoFullWorkingDays()
    {
        Assert.Equal(TimeSpan.FromHours(16), Calendar.WorkingTimeBetween(Vn(2026, 3, 10, 7, 30), Vn(2026, 3, 11, 17, 0), []));
    }

    [Fact]
    public void WorkingTimeBetween_SubtractsOnlyTheOfficeTimeOfAPause_WhenThePauseRunsOvernight()
    {
        // Paused Tue 13:00 → Wed 09:30: Tue 13:00–17:00 (4 h) and Wed 07:30–09:30 (2 h) do not count.
        var paused = new[] { (Vn(2026, 3, 10, 13, 0), Vn(2026, 3, 11, 9, 30)) };

        Assert.Equal(TimeSpan.FromHours(10), Calendar.WorkingTimeBetween(Vn(2026, 3, 10, 7, 30), Vn(2026, 3, 11, 17, 0), paused));
    }

    [Fact]
    public void WorkingTimeBetween_CountsOverlappingPausesOnce_WhenPausesOverlap()
    {
        var paused = new[] { (Vn(2026, 3, 10, 8, 0), Vn(2026, 3, 10, 10, 0)), (Vn(2026, 3, 10, 9, 0), Vn(2026, 3, 10, 11, 0)) };

        Assert.Equal(TimeSpan.FromHours(13), Calendar.WorkingTimeBetween(Vn(2026, 3, 10, 7, 30), Vn(2026, 3, 11, 17, 0), paused));
    }

    [Fact]
    public void WorkingTimeBetween_IgnoresWeekendAndTet_WhenSpanningThem()
    {
        Assert.Equal(TimeSpan.FromHours(2), Calendar.WorkingTimeBetween(Vn(2026, 3, 13, 16, 0), Vn(2026, 3, 16, 8, 30), []));
        Assert.Equal(TimeSpan.FromHours(8), Calendar.WorkingTimeBetween(Vn(2026, 2, 13, 7, 30), Vn(2026, 2, 23, 7, 30), []));
    }

    [Fact]
    public void WorkingTimeBetween_CountsTheLastCoveredDay_WhenToIsMidnightAfterIt()
    {
        Assert.Equal(TimeSpan.FromHours(8), Calendar.WorkingTimeBetween(Vn(2027, 12, 31, 7, 0), Vn(2028, 1, 1, 0, 0), []));
    }

    [Fact]
    public void WorkingTimeBetween_IsZero_WhenToIsBeforeFrom()
    {
        Assert.Equal(TimeSpan.Zero, Calendar.WorkingTimeBetween(Vn(2026, 3, 11, 17, 0), Vn(2026, 3, 10, 7, 30), []));
    }
}
