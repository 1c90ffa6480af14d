using WorkflowHost.Engine.Timers;

namespace WorkflowHost.Engine.Tests.Timers;

public sealed class PlainCalendarTests
{
    private static readonly PlainCalendar Calendar = PlainCalendar.Instance;

    [Theory]
    [InlineData("2026-01-31T08:00:00+07:00", "P1M", "2026-02-28T08:00:00+07:00")]
    [InlineData("2024-01-31T08:00:00+07:00", "P1M", "2024-02-29T08:00:00+07:00")]
    [InlineData("2026-03-31T08:00:00+07:00", "P1M", "2026-04-30T08:00:00+07:00")]
    [InlineData("2024-02-29T00:00:00Z", "P1Y", "2025-02-28T00:00:00Z")]
    [InlineData("2024-02-29T00:00:00Z", "P4Y", "2028-02-29T00:00:00Z")]
    [InlineData("2026-12-15T00:00:00Z", "P1M", "2027-01-15T00:00:00Z")]
    [InlineData("2026-01-31T00:00:00Z", "P1MT1H", "2026-02-28T01:00:00Z")]
    public void Add_ClampsToTheMonthEnd_WhenTheTargetMonthIsShorter(string from, string duration, string expected)
    {
        var result = Calendar.Add(DateTimeOffset.Parse(from), IsoDuration.Parse(duration));

        Assert.Equal(DateTimeOffset.Parse(expected), result);
        Assert.Equal(DateTimeOffset.Parse(expected).Offset, result.Offset);
    }

    [Fact]
    public void Add_AddsYearsAndMonthsAsOneMonthCount_WhenBothAreGiven()
    {
        var result = Calendar.Add(new DateTimeOffset(2024, 2, 29, 0, 0, 0, TimeSpan.Zero), IsoDuration.Parse("P1Y1M"));

        Assert.Equal(new DateTimeOffset(2025, 3, 29, 0, 0, 0, TimeSpan.Zero), result);
    }

    [Fact]
    public void Add_CountsADayAsExactly24Hours_WhenTheDayCrossesADaylightSavingChange()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var from = new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.FromHours(1)); // Berlin springs forward on 29 March

        var result = Calendar.Add(from, IsoDuration.Parse("P1D"));

        Assert.Equal(TimeSpan.FromHours(24), result - from);
        Assert.Equal(new DateTime(2026, 3, 29, 13, 0, 0), TimeZoneInfo.ConvertTime(result, berlin).DateTime);
    }

    [Fact]
    public void Add_AddsWeeksAndMilliseconds_WhenTheDurationHasThem()
    {
        var from = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var result = Calendar.Add(from, IsoDuration.Parse("P2WT0.002S"));

        Assert.Equal(new DateTimeOffset(2026, 1, 15, 0, 0, 0, 2, TimeSpan.Zero), result);
    }

    [Fact]
    public void Add_RoundsToTheNearestTick_WhenSecondsAreFinerThanATick()
    {
        var from = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(from.AddTicks(1), Calendar.Add(from, IsoDuration.Parse("PT0.00000006S")));
        Assert.Equal(from, Calendar.Add(from, IsoDuration.Parse("PT0.00000004S")));
    }

    [Fact]
    public void Add_ReturnsFrom_WhenTheDurationIsZero()
    {
        var from = new DateTimeOffset(2026, 5, 17, 9, 30, 0, TimeSpan.FromHours(7));

        Assert.Equal(from, Calendar.Add(from, default));
    }

    [Fact]
    public void Add_ThrowsArgumentOutOfRange_WhenTheResultPassesTheYear9999()
    {
        var from = new DateTimeOffset(9999, 6, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.Add(from, IsoDuration.Parse("P1Y")));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.Add(from, IsoDuration.Parse("P365D")));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.Add(from, new IsoDuration(int.MaxValue, 0, 0, 0, 0, 0, 0)));
    }
}
