using WorkflowHost.Procedures.Calendars;
using static WorkflowHost.Procedures.Tests.Calendars.ShippedCalendars;

namespace WorkflowHost.Procedures.Tests.Calendars;

/// <summary>Working-day deadlines on the shipped vn-government calendar, against dates checked by hand in holidays-vn.md.</summary>
public sealed class WorkingDaysTests
{
    private static readonly BusinessCalendar Calendar = Government;

    [Fact]
    public void AddWorkingDays_SkipsTetAndItsWeekends_WhenReceivedTheFridayBeforeTet2026()
    {
        var deadline = Calendar.AddWorkingDays(Vn(2026, 2, 13, 10, 0), 3);

        Assert.Equal(Vn(2026, 2, 25, 17, 0), deadline.DueAt);
        Assert.Equal(TimeSpan.FromHours(7), deadline.DueAt.Offset);
        Assert.Equal(
        [
            ("2026-02-13", "received"), ("2026-02-14", "weekend"), ("2026-02-15", "weekend"),
            ("2026-02-16", "holiday"), ("2026-02-17", "holiday"), ("2026-02-18", "holiday"), ("2026-02-19", "holiday"), ("2026-02-20", "holiday"),
            ("2026-02-21", "weekend"), ("2026-02-22", "weekend"),
            ("2026-02-23", "counted"), ("2026-02-24", "counted"), ("2026-02-25", "counted"),
        ], Steps(deadline));
        var tet = deadline.Explanation.Single(s => s.Day == new DateOnly(2026, 2, 17));
        Assert.Contains("Tết Bính Ngọ", tet.Reason);
        Assert.Contains("9441/TB-BNV", tet.Reason);
        Assert.Equal("Saturday", deadline.Explanation[1].Reason);
        Assert.Equal("Sunday", deadline.Explanation[2].Reason);
        Assert.Equal("working day 3 of 3", deadline.Explanation[^1].Reason);
    }

    [Fact]
    public void AddWorkingDays_SkipsNewYearAndTheSwappedDay_WhenAddingAcross31December2025()
    {
        var deadline = Calendar.AddWorkingDays(Vn(2025, 12, 31, 9, 0), 1);

        Assert.Equal(Vn(2026, 1, 5, 17, 0), deadline.DueAt);
        Assert.Equal(
            [("2025-12-31", "received"), ("2026-01-01", "holiday"), ("2026-01-02", "swapped"), ("2026-01-03", "weekend"), ("2026-01-04", "weekend"), ("2026-01-05", "counted")],
            Steps(deadline));
        Assert.Contains("12729/VPCP-KGVX", deadline.Explanation[2].Reason);
    }

    [Fact]
    public void AddWorkingDays_CountsTheMakeUpSaturday_WhenItFallsInTheCount()
    {
        var deadline = Calendar.AddWorkingDays(Vn(2026, 1, 8, 10, 0), 2);

        Assert.Equal(Vn(2026, 1, 10, 17, 0), deadline.DueAt);
        Assert.Equal(DayOfWeek.Saturday, deadline.DueAt.DayOfWeek);
        Assert.StartsWith("working day 2 of 2 (Make-up working Saturday", deadline.Explanation[^1].Reason);
    }

    [Fact]
    public void AddWorkingDays_SkipsNewYear2027_WhenAddingAcross31December2026()
    {
        Assert.Equal(Vn(2027, 1, 4, 17, 0), Calendar.AddWorkingDays(Vn(2026, 12, 31, 10, 0), 1).DueAt);
        Assert.Equal(Vn(2027, 1, 5, 17, 0), Calendar.AddWorkingDays(Vn(2026, 12, 31, 10, 0), 2).DueAt);
    }

    [Fact]
    public void AddWorkingDays_SkipsVictoryAndLabourDay_WhenReceivedThe29thOfApril2026()
    {
        var deadline = Calendar.AddWorkingDays(Vn(2026, 4, 29, 10, 0), 1);

        Assert.Equal(Vn(2026, 5, 4, 17, 0), deadline.DueAt);
        Assert.Equal(
            [("2026-04-29", "received"), ("2026-04-30", "holiday"), ("2026-05-01", "holiday"), ("2026-05-02", "weekend"), ("2026-05-03", "weekend"), ("2026-05-04", "counted")],
            Steps(deadline));
        Assert.StartsWith("Victory Day", deadline.Explanation[1].Reason);
        Assert.StartsWith("Labour Day", deadline.Explanation[2].Reason);
    }

    [Fact]
    public void AddWorkingDays_SkipsTheSwapped2May_WhenReceivedBefore30April2025()
    {
        var deadline = Calendar.AddWorkingDays(Vn(2025, 4, 29, 10, 0), 1);

        Assert.Equal(Vn(2025, 5, 5, 17, 0), deadline.DueAt);
        Assert.Equal("swapped", deadline.Explanation.Single(s => s.Day == new DateOnly(2025, 5, 2)).Kind);
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2025, 4, 26)), "Sat 26/4/2025 is the make-up working day for 2/5");
    }

    [Fact]
    public void AddWorkingDays_SkipsTheDayInLieuOfHungKings_WhenTheHolidayFallsOnSunday2026()
    {
        var deadline = Calendar.AddWorkingDays(Vn(2026, 4, 24, 10, 0), 1);

        Assert.Equal(Vn(2026, 4, 28, 17, 0), deadline.DueAt);
        Assert.Equal("holiday", deadline.Explanation.Single(s => s.Day == new DateOnly(2026, 4, 27)).Kind);
    }

    [Fact]
    public void AddWorkingDays_SkipsNationalDayAndTheSwapped31August_WhenReceivedFriday28August2026()
    {
        var deadline = Calendar.AddWorkingDays(Vn(2026, 8, 28, 10, 0), 1);

        Assert.Equal(Vn(2026, 9, 3, 17, 0), deadline.DueAt);
        Assert.Equal(
            [("2026-08-28", "received"), ("2026-08-29", "weekend"), ("2026-08-30", "weekend"), ("2026-08-31", "swapped"), ("2026-09-01", "holiday"), ("2026-09-02", "holiday"), ("2026-09-03", "counted")],
            Steps(deadline));
    }

    [Fact]
    public void AddWorkingDays_FallsDueOnTheMakeUpSaturday22August_WhenReceivedTheDayBefore()
    {
        Assert.Equal(Vn(2026, 8, 22, 17, 0), Calendar.AddWorkingDays(Vn(2026, 8, 21, 10, 0), 1).DueAt);
    }

    [Fact]
    public void AddWorkingDays_SkipsBothDaysOfNationalDay_WhenReceivedFriday29August2025()
    {
        var deadline = Calendar.AddWorkingDays(Vn(2025, 8, 29, 10, 0), 1);

        Assert.Equal(Vn(2025, 9, 3, 17, 0), deadline.DueAt);
        Assert.Equal(["holiday", "holiday"], deadline.Explanation.Where(s => s.Day.Month == 9 && s.Day.Day <= 2).Select(s => s.Kind));
    }

    [Fact]
    public void AddWorkingDays_CountsFromTheNextWorkingDay_WhenReceivedOnSaturday()
    {
        var deadline = Calendar.AddWorkingDays(Vn(2026, 3, 14, 9, 0), 1);

        Assert.Equal(Vn(2026, 3, 17, 17, 0), deadline.DueAt);
        Assert.Equal([("2026-03-14", "weekend"), ("2026-03-15", "weekend"), ("2026-03-16", "received"), ("2026-03-17", "counted")], Steps(deadline));
    }

    [Fact]
    public void AddWorkingDays_TreatsTheNextWorkingDayAsTheDayOfReceipt_WhenReceivedAfterOfficeHours()
    {
        var during = Calendar.AddWorkingDays(Vn(2026, 3, 10, 16, 59), 1);
        var after = Calendar.AddWorkingDays(Vn(2026, 3, 10, 17, 0), 1);

        Assert.Equal(Vn(2026, 3, 11, 17, 0), during.DueAt);
        Assert.Equal(Vn(2026, 3, 12, 17, 0), after.DueAt);
        Assert.Equal([("2026-03-10", "after-hours"), ("2026-03-11", "received"), ("2026-03-12", "counted")], Steps(after));
    }

    [Fact]
    public void AddWorkingDays_ReadsTheDayInVietnam_WhenTheInstantIsGivenInUtc()
    {
        // 2026-02-13T17:30Z is Saturday 00:30 in Hanoi: a rest day, so receipt counts from Monday 23/2 after Tết.
        var deadline = Calendar.AddWorkingDays(new DateTimeOffset(2026, 2, 13, 17, 30, 0, TimeSpan.Zero), 1);

        Assert.Equal(Vn(2026, 2, 24, 17, 0), deadline.DueAt);
        Assert.Equal(new DateOnly(2026, 2, 14), deadline.Explanation[0].Day);
    }

    [Fact]
    public void AddWorkingDays_Throws_WhenTheCountLeavesTheYearsTheFilesCover()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingDays(Vn(2027, 12, 30, 10, 0), 3));
        Assert.Contains("2025–2027", error.Message);
    }

    [Fact]
    public void AddWorkingDays_Throws_WhenDaysIsZero()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingDays(Vn(2026, 3, 10, 10, 0), 0));
    }

    [Theory]
    [InlineData("2026-01-02", false)] // swapped day off
    [InlineData("2026-01-10", true)]  // make-up Saturday
    [InlineData("2026-01-17", false)] // an ordinary Saturday
    [InlineData("2026-02-19", false)] // Tết
    [InlineData("2026-02-23", true)]
    [InlineData("2026-11-24", false)] // Vietnamese Culture Day
    [InlineData("2027-02-10", false)] // computed Tết 2027
    [InlineData("2027-09-03", false)]
    [InlineData("2025-01-27", false)]
    public void IsWorkingDay_MatchesHolidaysVn_WhenAskedAboutAListedDay(string day, bool working)
    {
        Assert.Equal(working, Calendar.IsWorkingDay(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Deadline_NamesTheCalendarAndItsVersion_WhenComputed()
    {
        var deadline = Calendar.AddWorkingDays(Vn(2026, 3, 10, 10, 0), 5);

        Assert.Equal(("vn-government", Calendar.Version), (deadline.Calendar, deadline.CalendarVersion));
        Assert.Matches("^[0-9a-f]{12}$", deadline.CalendarVersion);
    }

    [Fact]
    public void Add_KeepsCalendarDays_WhenGivenAPlainIsoDuration()
    {
        // P5D across Tết is five calendar days: the engine's plain durations keep their meaning.
        Assert.Equal(Vn(2026, 2, 18, 10, 0), Calendar.Add(Vn(2026, 2, 13, 10, 0), Engine.Timers.IsoDuration.Parse("P5D")));
    }
}
