using WorkflowHost.Procedures.Calendars;
using static WorkflowHost.Procedures.Tests.Calendars.ShippedCalendars;

namespace WorkflowHost.Procedures.Tests.Calendars;

/// <summary>The same-day rule with the 15:00 cut-off (Nghị định 23/2015/NĐ-CP Art. 21 for certified copies).</summary>
public sealed class SameDayTests
{
    private static readonly BusinessCalendar Calendar = Government;
    private static readonly TimeOnly Three = new(15, 0);

    [Fact]
    public void SameDay_IsDueThatDay_WhenReceivedAt1459()
    {
        var deadline = Calendar.SameDay(Vn(2026, 3, 10, 14, 59), Three);

        Assert.Equal(Vn(2026, 3, 10, 17, 0), deadline.DueAt);
        Assert.Equal([("2026-03-10", "counted")], Steps(deadline));
    }

    [Fact]
    public void SameDay_IsDueThatDay_WhenReceivedExactlyAtTheCutoff()
    {
        Assert.Equal(Vn(2026, 3, 10, 17, 0), Calendar.SameDay(Vn(2026, 3, 10, 15, 0), Three).DueAt);
    }

    [Fact]
    public void SameDay_IsDueTheNextWorkingDay_WhenReceivedAt1501()
    {
        var deadline = Calendar.SameDay(Vn(2026, 3, 10, 15, 1), Three);

        Assert.Equal(Vn(2026, 3, 11, 17, 0), deadline.DueAt);
        Assert.Equal(new DeadlineStep(new DateOnly(2026, 3, 10), "cutoff", "received 15:01, after the 15:00 cut-off; due the next working day"), deadline.Explanation[0]);
    }

    [Fact]
    public void SameDay_IsDueMonday_WhenReceivedFridayAfterTheCutoff()
    {
        var deadline = Calendar.SameDay(Vn(2026, 3, 13, 15, 20), Three);

        Assert.Equal(Vn(2026, 3, 16, 17, 0), deadline.DueAt);
        Assert.Equal([("2026-03-13", "cutoff"), ("2026-03-14", "weekend"), ("2026-03-15", "weekend"), ("2026-03-16", "counted")], Steps(deadline));
    }

    [Fact]
    public void SameDay_IsDueAfterTheHolidays_WhenReceivedAfterTheCutoffBefore30April()
    {
        var deadline = Calendar.SameDay(Vn(2026, 4, 29, 15, 30), Three);

        Assert.Equal(Vn(2026, 5, 4, 17, 0), deadline.DueAt);
        Assert.Equal(["cutoff", "holiday", "holiday", "weekend", "weekend", "counted"], deadline.Explanation.Select(s => s.Kind));
    }

    [Fact]
    public void SameDay_IsDueAfterTet_WhenReceivedAfterTheCutoffTheFridayBefore()
    {
        Assert.Equal(Vn(2026, 2, 23, 17, 0), Calendar.SameDay(Vn(2026, 2, 13, 15, 20), Three).DueAt);
    }

    [Fact]
    public void SameDay_IsDueTheNextWorkingDay_WhenReceivedOnASaturdayMorning()
    {
        var deadline = Calendar.SameDay(Vn(2026, 3, 14, 9, 0), Three);

        Assert.Equal(Vn(2026, 3, 16, 17, 0), deadline.DueAt);
        Assert.Contains("received on a rest day", deadline.Explanation[0].Reason);
    }

    [Fact]
    public void SameDay_IsDueTheNextWorkingDay_WhenTheCutoffIsLaterThanClosingAndReceiptIsAfterClosing()
    {
        // A cut-off after closing must not give a deadline before the receipt.
        var deadline = Calendar.SameDay(Vn(2026, 3, 10, 17, 30), new TimeOnly(18, 0));

        Assert.Equal(Vn(2026, 3, 11, 17, 0), deadline.DueAt);
        Assert.Equal("after-hours", deadline.Explanation[0].Kind);
    }
}
