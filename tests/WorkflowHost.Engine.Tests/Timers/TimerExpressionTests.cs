using WorkflowHost.Engine.Timers;

namespace WorkflowHost.Engine.Tests.Timers;

public sealed class TimerExpressionTests
{
    private static readonly TimeZoneInfo HoChiMinh = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeSpan Plus7 = TimeSpan.FromHours(7);

    private static DateTimeOffset ParseDate(string text, TimeZoneInfo zone) =>
        Assert.IsType<TimerDate>(TimerExpression.Parse(TimerKind.Date, text, zone)).At;

    private static TimerCycle ParseCycle(string text) =>
        Assert.IsType<TimerCycle>(TimerExpression.Parse(TimerKind.Cycle, text, HoChiMinh));

    private static string Error(TimerKind kind, string text)
    {
        Assert.False(TimerExpression.TryParse(kind, text, HoChiMinh, out var timer, out var error));
        Assert.Null(timer);
        return Assert.IsType<string>(error);
    }

    // timeDate

    [Fact]
    public void ParseDate_IsMidnightInTheZone_WhenOnlyADateIsGiven()
    {
        var at = ParseDate("2026-01-01", HoChiMinh);

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, Plus7), at);
        Assert.Equal(Plus7, at.Offset);
        Assert.Equal(new DateTime(2025, 12, 31, 17, 0, 0), at.UtcDateTime);
    }

    [Theory]
    [InlineData("2026-01-01T08:00")]
    [InlineData("2026-01-01T08:00:00")]
    [InlineData("2026-01-01t08:00:00.000")]
    public void ParseDate_IsWallClockTimeInTheZone_WhenNoOffsetIsWritten(string text)
    {
        var at = ParseDate(text, HoChiMinh);

        Assert.Equal(new DateTime(2026, 1, 1, 1, 0, 0, DateTimeKind.Utc), at.UtcDateTime);
        Assert.Equal(Plus7, at.Offset);
    }

    [Theory]
    [InlineData("2026-01-01T08:00:00+07:00", 1, 7)]
    [InlineData("2026-01-01T08:00+0700", 1, 7)]
    [InlineData("2026-01-01T08:00+07", 1, 7)]
    [InlineData("2026-01-01T08:00Z", 8, 0)]
    [InlineData("2026-01-01T08:00:00z", 8, 0)]
    [InlineData("2026-01-01T08:00-05:30", 13, -5.5)]
    public void ParseDate_KeepsTheWrittenOffset_WhenOneIsGiven(string text, int utcHour, double offsetHours)
    {
        var inHoChiMinh = ParseDate(text, HoChiMinh);
        var inUtc = ParseDate(text, TimeZoneInfo.Utc);

        Assert.Equal(utcHour, inHoChiMinh.UtcDateTime.Hour);
        Assert.Equal(TimeSpan.FromHours(offsetHours), inHoChiMinh.Offset);
        Assert.Equal(inHoChiMinh, inUtc);
    }

    [Fact]
    public void ParseDate_KeepsFractionalSeconds_WhenTheyAreWritten()
    {
        var at = ParseDate("2026-01-01T08:00:00.1234567Z", HoChiMinh);

        Assert.Equal(1_234_567, at.Ticks % TimeSpan.TicksPerSecond);
    }

    [Fact]
    public void ParseDate_MovesPastTheGap_WhenTheClockSkipsTheWrittenTime()
    {
        var at = ParseDate("2026-03-29T02:30", Berlin); // clocks jump from 02:00 to 03:00

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 3, 30, 0, TimeSpan.FromHours(2)), at);
        Assert.Equal(TimeSpan.FromHours(2), at.Offset);
    }

    [Fact]
    public void ParseDate_TakesTheEarlierInstant_WhenTheWrittenTimeOccursTwice()
    {
        var at = ParseDate("2026-10-25T02:30", Berlin); // clocks fall back from 03:00 to 02:00

        Assert.Equal(new DateTime(2026, 10, 25, 0, 30, 0, DateTimeKind.Utc), at.UtcDateTime);
        Assert.Equal(TimeSpan.FromHours(2), at.Offset);
    }

    [Theory]
    [InlineData("2026-02-30", "'2026-02-30' is not a valid date: February 2026 has 28 days.")]
    [InlineData("2026-13-01", "'2026-13-01' is not a valid date: months run from 01 to 12.")]
    [InlineData("2026-01-01T25:00", "'2026-01-01T25:00' is not a valid date: hours run from 00 to 23.")]
    [InlineData("2026-01-01T08:00+15:00", "'2026-01-01T08:00+15:00' has the offset +15:00, but offsets run from -14:00 to +14:00.")]
    [InlineData("tomorrow", "'tomorrow' is not an ISO 8601 date such as 2026-01-01, 2026-01-01T08:00 or 2026-01-01T08:00:00+07:00.")]
    [InlineData("01/02/2026", "'01/02/2026' is not an ISO 8601 date such as 2026-01-01, 2026-01-01T08:00 or 2026-01-01T08:00:00+07:00.")]
    [InlineData("", "The date is empty; write an ISO 8601 date such as 2026-01-01, 2026-01-01T08:00 or 2026-01-01T08:00:00+07:00.")]
    [InlineData("P3D", "'P3D' is a duration, not a date; write it in timeDuration, or write a date such as 2026-01-01T08:00.")]
    [InlineData("0000-01-01", "'0000-01-01' is not a valid date: years run from 0001 to 9999.")]
    [InlineData("0001-01-01T00:00+07:00", "'0001-01-01T00:00+07:00' is outside the range of dates a timer can use (0001 to 9999).")]
    public void TryParseDate_FailsWithASentence_WhenTheTextIsNotAValidDate(string text, string expected)
    {
        Assert.Equal(expected, Error(TimerKind.Date, text));
    }

    // timeDuration

    [Theory]
    [InlineData("\"PT0.002S\"", "PT0.002S")]
    [InlineData("'PT1S'", "PT1S")]
    [InlineData("  \" P7D \"  ", "P7D")]
    [InlineData("PT1M", "PT1M")]
    public void ParseDuration_IgnoresSurroundingQuotesAndWhitespace_WhenTheDurationIsValid(string text, string canonical)
    {
        var timer = Assert.IsType<TimerDuration>(TimerExpression.Parse(TimerKind.Duration, text, HoChiMinh));

        Assert.Equal(canonical, timer.Duration.ToString());
    }

    [Theory]
    [InlineData("2026-01-01", "'2026-01-01' is a date, not a duration; write it in timeDate, or write a duration such as P3D or PT2H30M.")]
    [InlineData("\"P1X\"", "'P1X' is not an ISO 8601 duration such as P3D or PT2H30M.")]
    [InlineData("\"", "'\"' is not an ISO 8601 duration such as P3D or PT2H30M.")]
    [InlineData("\"PT1S'", "'\"PT1S'' is not an ISO 8601 duration such as P3D or PT2H30M.")]
    [InlineData("  ", "The duration is empty; write an ISO 8601 duration such as P3D or PT2H30M.")]
    public void TryParseDuration_FailsWithASentence_WhenTheTextIsNotADuration(string text, string expected)
    {
        Assert.Equal(expected, Error(TimerKind.Duration, text));
    }

    // timeCycle

    [Fact]
    public void ParseCycle_HasCountAndInterval_WhenWrittenAsCountAndInterval()
    {
        Assert.Equal(new TimerCycle(3, null, IsoDuration.Parse("PT10H"), null), ParseCycle("R3/PT10H"));
    }

    [Fact]
    public void ParseCycle_IsUnbounded_WhenTheCountIsOmitted()
    {
        Assert.Equal(new TimerCycle(null, null, IsoDuration.Parse("PT1M"), null), ParseCycle("R/PT1M"));
    }

    [Fact]
    public void ParseCycle_StartsAtLocalTimeInTheZone_WhenTheStartHasNoOffset()
    {
        var start = new DateTimeOffset(2026, 1, 1, 8, 0, 0, Plus7);

        Assert.Equal(new TimerCycle(5, start, IsoDuration.Parse("P1D"), null), ParseCycle("R5/2026-01-01T08:00/P1D"));
        Assert.Equal(new TimerCycle(null, start, IsoDuration.Parse("P1D"), null), ParseCycle("R/2026-01-01T08:00/P1D"));
    }

    [Fact]
    public void ParseCycle_StartsAtTheWrittenInstant_WhenTheStartIsInUtc()
    {
        var cycle = ParseCycle("R2/2026-01-01T08:00Z/PT1H");

        Assert.Equal(new TimerCycle(2, new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero), IsoDuration.Parse("PT1H"), null), cycle);
        Assert.Equal(TimeSpan.Zero, cycle.Start!.Value.Offset);
    }

    [Fact]
    public void ParseCycle_HasAnEnd_WhenWrittenAsIntervalAndEnd()
    {
        var cycle = ParseCycle("R/P1D/2026-12-31T00:00Z");

        Assert.Equal(new TimerCycle(null, null, IsoDuration.Parse("P1D"), new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero)), cycle);
    }

    [Theory]
    [InlineData("'R3/PT10H'")]
    [InlineData(" \"R3/PT10H\" ")]
    [InlineData("r3/pt10h")]
    public void ParseCycle_IgnoresQuotesWhitespaceAndCase_WhenTheCycleIsValid(string text)
    {
        Assert.Equal(new TimerCycle(3, null, IsoDuration.Parse("PT10H"), null), ParseCycle(text));
    }

    [Theory]
    [InlineData("2026-01-01T08:00Z/PT1H", "'2026-01-01T08:00Z/PT1H' is not a cycle: a timeCycle starts with R and a repetition count, as in R3/2026-01-01T08:00Z/PT1H (R/2026-01-01T08:00Z/PT1H repeats without end); for a timer that fires once use timeDate or timeDuration.")]
    [InlineData("PT1H", "'PT1H' is not a cycle: a timeCycle starts with R and a repetition count, as in R3/PT1H (R/PT1H repeats without end); for a timer that fires once use timeDate or timeDuration.")]
    [InlineData("R-1/PT1H", "'R-1/PT1H' has the repetition count '-1'; write a whole number of at least 1, as in R3/PT1H, or R/PT1H to repeat without end.")]
    [InlineData("Rx/PT1H", "'Rx/PT1H' has the repetition count 'x'; write a whole number of at least 1, as in R3/PT1H, or R/PT1H to repeat without end.")]
    [InlineData("R0/PT1H", "'R0/PT1H' repeats zero times and would never fire; write R1 or more, as in R3/PT1H, or R/PT1H to repeat without end.")]
    [InlineData("R99999999999/PT1H", "'R99999999999/PT1H' repeats too often to count; write R/… to repeat without end, as in R/PT1H.")]
    [InlineData("", "The cycle is empty; write an ISO 8601 cycle such as R3/PT10H, R/PT1M or R5/2026-01-01T08:00/P1D.")]
    [InlineData("''", "The cycle is empty; write an ISO 8601 cycle such as R3/PT10H, R/PT1M or R5/2026-01-01T08:00/P1D.")]
    [InlineData("garbage", "'garbage' is not an ISO 8601 cycle such as R3/PT10H, R/PT1M or R5/2026-01-01T08:00/P1D.")]
    [InlineData("R3", "'R3' has no interval; write one after a slash, as in R3/PT1H.")]
    [InlineData("R/PT0S", "'R/PT0S' has a zero interval and would fire endlessly; write a longer one, as in R/PT1M.")]
    [InlineData("R/PT0.00000001S", "'R/PT0.00000001S' has a zero interval and would fire endlessly; write a longer one, as in R/PT1M.")]
    [InlineData("R3/2026-01-01T08:00", "'R3/2026-01-01T08:00' has a start but no interval; add one, as in R3/2026-01-01T08:00/P1D.")]
    [InlineData("R/2026-01-01/2026-02-01", "'R/2026-01-01/2026-02-01' gives a start and an end but no interval, which is not supported; write the start and the interval, as in R/2026-01-01T08:00/P1D.")]
    [InlineData("R/P1D/PT1H", "'R/P1D/PT1H' gives two intervals; write one interval with a start or an end, as in R5/2026-01-01T08:00/P1D or R/P1D/2026-12-31T00:00Z.")]
    [InlineData("R/2026-02-30T08:00/P1D", "The start of the cycle 'R/2026-02-30T08:00/P1D' does not parse: '2026-02-30T08:00' is not a valid date: February 2026 has 28 days.")]
    [InlineData("R/P1D/2026-12-32", "The end of the cycle 'R/P1D/2026-12-32' does not parse: '2026-12-32' is not a valid date: December 2026 has 31 days.")]
    [InlineData("R/P1X", "The interval of the cycle 'R/P1X' does not parse: 'P1X' is not an ISO 8601 duration such as P3D or PT2H30M.")]
    [InlineData("R/-PT1H", "The interval of the cycle 'R/-PT1H' does not parse: '-PT1H' is a negative duration; a timer can only wait forward, as in PT1H.")]
    [InlineData("R/2026-01-01T08:00/P1D/2026-12-31", "'R/2026-01-01T08:00/P1D/2026-12-31' has too many parts; an ISO 8601 cycle is R[count]/[start/]interval[/end], such as R3/PT10H, R/PT1M or R5/2026-01-01T08:00/P1D.")]
    public void TryParseCycle_FailsWithASentenceNamingTheValue_WhenTheTextIsNotASupportedCycle(string text, string expected)
    {
        Assert.Equal(expected, Error(TimerKind.Cycle, text));
    }

    [Theory]
    [InlineData("0 0/5 * * * ?")]
    [InlineData("0 0 8 * * MON-FRI")]
    [InlineData("*/5")]
    public void TryParseCycle_SaysCronIsNotSupported_WhenTheTextIsACronExpression(string text)
    {
        var error = Error(TimerKind.Cycle, text);

        Assert.StartsWith($"'{text}' looks like a cron expression", error);
        Assert.Contains("cron expressions are not supported; use ISO 8601 R/… cycles", error);
    }

    [Fact]
    public void Parse_ThrowsFormatExceptionWithTheSentence_WhenTheTextDoesNotParse()
    {
        var failure = Assert.Throws<FormatException>(() => TimerExpression.Parse(TimerKind.Cycle, "R-1/PT1H", HoChiMinh));

        Assert.Equal("'R-1/PT1H' has the repetition count '-1'; write a whole number of at least 1, as in R3/PT1H, or R/PT1H to repeat without end.", failure.Message);
    }

    [Theory]
    [InlineData(TimerKind.Date)]
    [InlineData(TimerKind.Duration)]
    [InlineData(TimerKind.Cycle)]
    public void TryParse_KeepsTheSentenceShort_WhenTheInputIsHuge(TimerKind kind)
    {
        var text = "R/" + new string('x', 100_000);

        Assert.False(TimerExpression.TryParse(kind, text, HoChiMinh, out _, out var error));
        Assert.InRange(error!.Length, 20, 300);
    }

    [Fact]
    public void Constructor_RejectsACycleThatCouldNeverFireOrWouldFireEndlessly_WhenBuiltInCode()
    {
        var hour = IsoDuration.Parse("PT1H");
        var start = new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero);
        var cycle = new TimerCycle(2, start, hour, null);

        Assert.Throws<ArgumentOutOfRangeException>(() => new TimerCycle(0, null, hour, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TimerCycle(null, null, default, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TimerCycle(null, start, hour, start.AddDays(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => cycle with { Repetitions = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => cycle with { End = start.AddDays(-1) });
        Assert.Equal(start.AddDays(1), (cycle with { End = start.AddDays(1) }).End);
    }
}
