using CsCheck;
using WorkflowHost.Engine.Timers;

namespace WorkflowHost.Engine.Tests.Timers;

/// <summary>Properties of durations and cycles over generated values.</summary>
public sealed class TimerProperties
{
    private static readonly Gen<int> Component = Gen.OneOf(Gen.Const(0), Gen.Int[0, 60], Gen.Int[0, 5000]);

    private static readonly Gen<IsoDuration> Durations =
        Gen.Select(Component, Component, Component, Component, Gen.Select(Component, Component, Gen.OneOf(Gen.Const(0), Gen.Int[0, 1_000_000])),
            (years, months, weeks, days, time) => new IsoDuration(years, months, weeks, days, time.Item1, time.Item2, time.Item3 / 1000m));

    [Fact]
    public void Parse_ReturnsAnEqualDuration_WhenGivenToStringOfARandomDuration()
    {
        Durations.Sample(duration =>
        {
            var text = duration.ToString();
            Assert.True(IsoDuration.TryParse(text, out var parsed, out var error), error);
            Assert.Equal(duration, parsed);
            Assert.Equal(text, parsed.ToString());
        });
    }

    private static readonly Gen<(int Repetitions, int StartHours, IsoDuration Interval, int NowHours)> Cycles =
        Gen.Select(Gen.Int[1, 8], Gen.Int[-2000, 2000],
            Gen.Select(Gen.Int[0, 2], Gen.Int[0, 10], Gen.Int[0, 30], (m, d, h) => new IsoDuration(0, m, 0, d, h + (m + d == 0 ? 1 : 0), 0, 0)),
            Gen.Int[-100, 100]);

    [Fact]
    public void Fire_GivesExactlyTheOccurrencesFromNowOn_WhenACycleHasAStartAndACount()
    {
        var origin = new DateTimeOffset(2026, 1, 31, 8, 0, 0, TimeSpan.FromHours(7));
        Cycles.Sample(c =>
        {
            var start = origin.AddHours(c.StartHours);
            var now = origin.AddHours(c.NowHours);
            var cycle = new TimerCycle(c.Repetitions, start, c.Interval, null);
            // Brute force: Start + k × Interval for every k below the count, by scaling each component.
            var occurrences = Enumerable.Range(0, c.Repetitions)
                .Select(k => PlainCalendar.Instance.Add(start, new IsoDuration(0, c.Interval.Months * k, 0, c.Interval.Days * k, c.Interval.Hours * k, 0, 0)))
                .ToList();
            var expected = occurrences.Where(o => o >= now).ToList();

            var hasOne = TimerSchedule.TryFirstDue(cycle, now, PlainCalendar.Instance, out var first);
            Assert.Equal(expected.Count > 0, hasOne);
            if (!hasOne)
            {
                Assert.Equal(occurrences[^1], first);
                return;
            }
            Assert.Equal(expected, TimerScheduleTests.Fire(cycle, now, PlainCalendar.Instance));
        });
    }
}
