using WorkflowHost.Procedures.Reminders;
using static WorkflowHost.Procedures.Tests.Calendars.ShippedCalendars;

namespace WorkflowHost.Procedures.Tests.Reminders;

/// <summary>When a step's reminders fire, on the shipped vn-government calendar, against dates checked by hand.</summary>
public sealed class ReminderPlanTests
{
    [Fact]
    public void For_WarnsTheWorkingDayBefore_SkippingTheWeekend_WhenDueOnAMonday()
    {
        var plan = ReminderPlan.For(Vn(2026, 12, 2, 9, 0), Vn(2026, 12, 7, 17, 0), ReminderPolicy.Default, Government);

        Assert.Equal([new PlannedReminder(ReminderMoment.BeforeDue, Vn(2026, 12, 4, 17, 0)), new PlannedReminder(ReminderMoment.AtDue, Vn(2026, 12, 7, 17, 0))], plan);
    }

    [Fact]
    public void For_WarnsTheLastWorkingDayBeforeTet_WhenDueTheFirstWorkingDayAfterIt()
    {
        // Tết Bính Ngọ: Mon 16 - Fri 20 February 2026 off, with the weekends around it; the Friday before is 13/2.
        var plan = ReminderPlan.For(Vn(2026, 2, 10, 8, 0), Vn(2026, 2, 23, 11, 0), ReminderPolicy.Default, Government);

        Assert.Equal(Vn(2026, 2, 13, 11, 0), plan.Single(p => p.Moment == ReminderMoment.BeforeDue).FireAt);
    }

    [Fact]
    public void For_WarnsAcrossNewYearAndTheSwappedDayOff_WhenDueOn5January2026()
    {
        // 1/1 holiday, Fri 2/1 swapped day off, then the weekend: the working day before Mon 5/1 is Wed 31/12/2025.
        var plan = ReminderPlan.For(Vn(2025, 12, 29, 8, 0), Vn(2026, 1, 5, 17, 0), ReminderPolicy.Default, Government);

        Assert.Equal(Vn(2025, 12, 31, 17, 0), plan.Single(p => p.Moment == ReminderMoment.BeforeDue).FireAt);
    }

    [Fact]
    public void For_HasNoEarlyWarning_WhenTheStepIsShorterThanTheWarning()
    {
        var plan = ReminderPlan.For(Vn(2026, 12, 7, 8, 0), Vn(2026, 12, 7, 13, 30), ReminderPolicy.Default, Government);

        Assert.Equal([new PlannedReminder(ReminderMoment.AtDue, Vn(2026, 12, 7, 13, 30))], plan);
    }

    [Fact]
    public void For_FollowsTheProcedurePolicy_WhenItWarnsTwoDaysAheadOrNotAtAll()
    {
        var twoDays = ReminderPlan.For(Vn(2026, 12, 1, 8, 0), Vn(2026, 12, 8, 17, 0), new ReminderPolicy(2, true, true), Government);
        var none = ReminderPlan.For(Vn(2026, 12, 1, 8, 0), Vn(2026, 12, 8, 17, 0), new ReminderPolicy(0, false, false), Government);

        Assert.Equal(Vn(2026, 12, 4, 17, 0), twoDays.Single(p => p.Moment == ReminderMoment.BeforeDue).FireAt);
        Assert.Equal([ReminderMoment.AtDue], none.Select(p => p.Moment));
    }

    [Fact]
    public void WorkingDaysBefore_IsNull_WhenItLeavesTheYearsTheCalendarCovers()
    {
        Assert.Null(ReminderPlan.WorkingDaysBefore(Vn(2025, 1, 2, 17, 0), 3, Government));
    }
}
