using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Tests.Support;

namespace WorkflowHost.Engine.Tests.Runtime;

/// <summary>The pilot procedures added for issue 13 run their main path with the shipped calendar.</summary>
public sealed class PilotProcedureTests
{
    private static readonly EngineOptions WithCalendar = new()
    {
        Calendar = WorkflowHost.Procedures.Calendars.CalendarSet.Load(Fixtures.PathOf("workflows/calendars")).Get(WorkflowHost.Procedures.Calendars.CalendarSet.Default),
    };

    [Fact]
    public void LandRegistration_DigitisesPostsAppraisesSignsAndReturns()
    {
        var h = EngineHarness.LoadFile("workflows/land-registration.bpmn", WithCalendar).Start();
        Assert.Equal(["Số hóa hồ sơ (Digitise the dossier)"], h.ReadyTasks);
        h.CompleteTask("digitise", ("pagesScanned", 14L));
        h.CompleteTask("sendOriginals", ("trackingNumber", "EB123456789VN"));
        h.CompleteTask("appraise", ("opinion", "ok"));
        h.CompleteTask("approve", ("approved", true));
        Assert.Equal(["Trả kết quả (Return result)"], h.ReadyTasks);
        h.CompleteTask("returnResult", ("certificateNumber", "CS 01"));
        Assert.True(h.IsCompleted);
    }

    [Theory]
    [InlineData("workflows/household-business.bpmn")]
    [InlineData("workflows/household-business-district.bpmn")]
    public void HouseholdBusiness_RunsInBothVersions_WithDueDatesInWorkingTime(string file)
    {
        var h = EngineHarness.LoadFile(file, WithCalendar).Start();
        Assert.All(h.Effects.OfType<TaskCreated>(), t => Assert.NotNull(t.DueAt));
        h.CompleteTask("checkCompleteness");
        h.CompleteTask("appraise", ("businessName", "Hộ kinh doanh Bánh mì Ông Tư"));
        h.CompleteTask("approve", ("registrationNumber", "32A8001234"));
        h.CompleteTask("returnResult");
        Assert.True(h.IsCompleted);
    }
}
