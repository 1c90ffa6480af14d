using WorkflowHost.Procedures.Calendars;
using WorkflowHost.Procedures.Catalogue;
using static WorkflowHost.Procedures.Tests.Calendars.ShippedCalendars;

namespace WorkflowHost.Procedures.Tests.Calendars;

public sealed class AppointmentTests
{
    private static readonly BusinessCalendar Calendar = Government;

    [Fact]
    public void Compute_AppliesTheProcedureCutoff_WhenTheLimitIsSameDay()
    {
        var limit = new TimeLimit(TimeLimitKind.SameDay, 0, new TimeOnly(15, 0));

        Assert.Equal(Vn(2026, 3, 10, 17, 0), Appointment.Compute(limit, Vn(2026, 3, 10, 14, 59), Calendar).DueAt);
        Assert.Equal(Vn(2026, 3, 11, 17, 0), Appointment.Compute(limit, Vn(2026, 3, 10, 15, 1), Calendar).DueAt);
    }

    [Fact]
    public void Compute_IsDueTheSameDayUntilClosing_WhenASameDayLimitHasNoCutoff()
    {
        var limit = new TimeLimit(TimeLimitKind.SameDay, 0, null);

        Assert.Equal(Vn(2026, 3, 10, 17, 0), Appointment.Compute(limit, Vn(2026, 3, 10, 16, 30), Calendar).DueAt);
    }

    [Fact]
    public void Compute_CountsWorkingDays_WhenTheLimitIsInWorkingDays()
    {
        var deadline = Appointment.Compute(new TimeLimit(TimeLimitKind.WorkingDays, 5, null), Vn(2026, 2, 12, 9, 0), Calendar);

        // Fri 13 (1), Tết and weekends skipped, Mon 23 – Thu 26 (2–5).
        Assert.Equal(Vn(2026, 2, 26, 17, 0), deadline.DueAt);
    }

    [Fact]
    public void Compute_CountsOfficeHours_WhenTheLimitIsInWorkingHours()
    {
        Assert.Equal(Vn(2026, 3, 11, 8, 30), Appointment.Compute(new TimeLimit(TimeLimitKind.WorkingHours, 2, null), Vn(2026, 3, 10, 16, 0), Calendar).DueAt);
    }

    [Fact]
    public void Compute_Throws_WhenAWorkingDayLimitIsFractional()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Appointment.Compute(new TimeLimit(TimeLimitKind.WorkingDays, 2.5m, null), Vn(2026, 3, 10, 9, 0), Calendar));
    }
}
