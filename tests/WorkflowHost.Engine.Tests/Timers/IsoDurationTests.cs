using WorkflowHost.Engine.Timers;

namespace WorkflowHost.Engine.Tests.Timers;

public sealed class IsoDurationTests
{
    [Fact]
    public void Parse_ReadsEveryComponent_WhenAllArePresent()
    {
        var duration = IsoDuration.Parse("P1Y2M3W4DT5H6M7.5S");

        Assert.Equal(new IsoDuration(1, 2, 3, 4, 5, 6, 7.5m), duration);
        Assert.Equal("P1Y2M3W4DT5H6M7.5S", duration.ToString());
    }

    [Fact]
    public void Parse_KeepsMilliseconds_WhenSecondsHaveAFraction()
    {
        var duration = IsoDuration.Parse("PT0.002S");

        Assert.Equal(0.002m, duration.Seconds);
        Assert.False(duration.IsZero);
        Assert.Equal("PT0.002S", duration.ToString());
    }

    [Theory]
    [InlineData("PT1.5H", "PT1H30M")]
    [InlineData("P1.5W", "P1W3DT12H")]
    [InlineData("P0.5D", "PT12H")]
    [InlineData("PT0.25M", "PT15S")]
    [InlineData("PT0.1H", "PT6M")]
    [InlineData("PT1,5S", "PT1.5S")]
    [InlineData("P1DT0.75H", "P1DT45M")]
    public void Parse_SpreadsTheFractionOverSmallerComponents_WhenTheLastComponentIsFractional(string text, string canonical)
    {
        var duration = IsoDuration.Parse(text);

        Assert.Equal(canonical, duration.ToString());
        Assert.Equal(IsoDuration.Parse(canonical), duration);
    }

    [Theory]
    [InlineData(" pt2h30m ", "PT2H30M")]
    [InlineData("p3d", "P3D")]
    [InlineData("\tP1W\n", "P1W")]
    public void Parse_AcceptsLowerCaseAndSurroundingWhitespace_WhenTheDurationIsValid(string text, string canonical)
    {
        Assert.Equal(canonical, IsoDuration.Parse(text).ToString());
    }

    [Theory]
    [InlineData("PT0S")]
    [InlineData("P0D")]
    [InlineData("P0Y0M0W0DT0H0M0.000S")]
    public void IsZero_IsTrueAndPrintsPT0S_WhenEveryComponentIsZero(string text)
    {
        var duration = IsoDuration.Parse(text);

        Assert.True(duration.IsZero);
        Assert.Equal("PT0S", duration.ToString());
        Assert.Equal(default, duration);
    }

    [Fact]
    public void ToString_KeepsComponentsAsWritten_WhenTheyExceedTheNextUnit()
    {
        Assert.Equal("PT90M", IsoDuration.Parse("PT90M").ToString());
        Assert.Equal("PT24H", IsoDuration.Parse("PT24H").ToString());
        Assert.NotEqual(IsoDuration.Parse("P1D"), IsoDuration.Parse("PT24H"));
    }

    [Fact]
    public void ToString_DropsTrailingZerosOfSeconds_WhenTheyWereWritten()
    {
        Assert.Equal("PT1.5S", new IsoDuration(0, 0, 0, 0, 0, 0, 1.500m).ToString());
    }

    [Theory]
    [InlineData("P1X", "'P1X' is not an ISO 8601 duration such as P3D or PT2H30M.")]
    [InlineData("", "The duration is empty; write an ISO 8601 duration such as P3D or PT2H30M.")]
    [InlineData("-P1D", "'-P1D' is a negative duration; a timer can only wait forward, as in P1D.")]
    [InlineData("P1H", "'P1H' is not an ISO 8601 duration: hours, minutes and seconds come after a T, as in PT1H.")]
    [InlineData("P1D2H", "'P1D2H' is not an ISO 8601 duration: hours, minutes and seconds come after a T, as in P1DT2H.")]
    [InlineData("PT1.5H30M", "'PT1.5H30M' is not an ISO 8601 duration: only the last part may have a fraction, as in PT1H30M or PT1.5H.")]
    [InlineData("P1M1Y", "'P1M1Y' is not an ISO 8601 duration: the parts must be in the order Y, M, W, D, T, H, M, S, as in P1Y2M3DT4H5M6S.")]
    [InlineData("P1D1D", "'P1D1D' is not an ISO 8601 duration: the parts must be in the order Y, M, W, D, T, H, M, S, as in P1Y2M3DT4H5M6S.")]
    [InlineData("P1.5M", "'P1.5M' has a fraction of a month, which has no exact length; write whole years and months and add days, as in P1M15D.")]
    [InlineData("P20000Y", "'P20000Y' is too long; a timer can wait at most 10,000 years.")]
    [InlineData("PT5000000000M", "'PT5000000000M' is too long; a timer can wait at most 10,000 years.")]
    public void TryParse_FailsWithASentenceNamingTheText_WhenTheTextIsNotADuration(string text, string expected)
    {
        Assert.False(IsoDuration.TryParse(text, out var duration, out var error));
        Assert.Equal(expected, error);
        Assert.Equal(default, duration);
    }

    [Theory]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1DT")]
    [InlineData("PT1HT1M")]
    [InlineData("1D")]
    [InlineData("P.5D")]
    [InlineData("P1.D")]
    [InlineData("P1")]
    [InlineData("-")]
    public void TryParse_FailsWithTheGeneralSentence_WhenTheShapeIsWrong(string text)
    {
        Assert.False(IsoDuration.TryParse(text, out _, out var error));
        Assert.Equal($"'{text}' is not an ISO 8601 duration such as P3D or PT2H30M.", error);
    }

    [Fact]
    public void Parse_ThrowsFormatExceptionWithTheSentence_WhenTheTextIsNotADuration()
    {
        var failure = Assert.Throws<FormatException>(() => IsoDuration.Parse("P1X"));

        Assert.Equal("'P1X' is not an ISO 8601 duration such as P3D or PT2H30M.", failure.Message);
    }

    [Fact]
    public void TryParse_ShortensTheQuotedText_WhenTheInputIsHuge()
    {
        var text = "P" + new string('9', 10_000) + "X";

        Assert.False(IsoDuration.TryParse(text, out _, out var error));
        Assert.True(error!.Length < 200, error);
    }

    [Fact]
    public void Constructor_Throws_WhenAComponentIsNegative()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IsoDuration(0, 0, 0, -1, 0, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IsoDuration(0, 0, 0, 0, 0, 0, -0.5m));
        Assert.Throws<ArgumentOutOfRangeException>(() => IsoDuration.Parse("P1D") with { Hours = -2 });
    }
}
