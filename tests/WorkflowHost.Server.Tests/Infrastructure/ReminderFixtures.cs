using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Testing;

namespace WorkflowHost.Server.Tests.Infrastructure;

/// <summary>
/// The host's clock, set by the test. Unlike FakeTimeProvider it may also be set back, so each test of a class can
/// start its own working week whatever order the tests run in. Instants are chosen days after the real now, so the
/// Hangfire jobs the host schedules at them never run during a test: the tests call the jobs themselves.
/// </summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public DateTimeOffset Now
    {
        get => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref _ticks, value.UtcTicks);
    }

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>A host suite with a settable clock and a loopback SMTP server the host mails through.</summary>
public interface IReminderFixture
{
    TestClock Clock { get; }
    LoopbackSmtpServer Smtp { get; }
    ApiFixture Api { get; }

    /// <summary>Another node on the same database, clock and SMTP server (dispose it).</summary>
    WorkflowHostFactory SecondNode();
}

/// <summary>Registers the test clock in place of the system clock.</summary>
public sealed class ClockHostFactory(IReadOnlyDictionary<string, string?> settings, RecentLogs logs, TimeProvider clock) : WorkflowHostFactory(settings, logs)
{
    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(clock);
}

/// <summary>Settings of the reminder suites on top of the API suite's.</summary>
public static class ReminderSettings
{
    public static readonly TimeSpan EmailRetryDelay = TimeSpan.FromMilliseconds(300);
    public const int EmailAttempts = 3;
    public static readonly TimeSpan LiveRelayPollInterval = TimeSpan.FromMilliseconds(500);

    public static Dictionary<string, string?> With(IReadOnlyDictionary<string, string?> settings, LoopbackSmtpServer smtp) => new(settings)
    {
        ["WorkflowHost:Smtp:Host"] = "127.0.0.1",
        ["WorkflowHost:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["WorkflowHost:Smtp:Security"] = "none",
        ["WorkflowHost:Smtp:Sender"] = "Trung tâm Hải Châu <motcua@example.vn>",
        ["WorkflowHost:Smtp:Attempts"] = EmailAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["WorkflowHost:Smtp:RetryDelay"] = EmailRetryDelay.ToString("c"),
        ["WorkflowHost:Smtp:Timeout"] = "00:00:10",
        // The relay's fallback read (PostgreSQL): short, so a test that waits out two of them for a double is quick.
        ["WorkflowHost:LiveRelay:PollInterval"] = LiveRelayPollInterval.ToString("c"),
        // Long enough for a test to see a relay not listening (its /health degraded) before it listens again.
        ["WorkflowHost:LiveRelay:ReconnectDelay"] = "00:00:03",
        // Tests sign in again after moving the clock by days (sessions expire with it).
        ["WorkflowHost:LoginAttemptsPerUser"] = "1000",
    };

    /// <summary>Monday 7 December 2026, 08:00 in Đà Nẵng: a working day three days after these tests were written.</summary>
    public static readonly DateTimeOffset Monday = new(2026, 12, 7, 8, 0, 0, TimeSpan.FromHours(7));
}

public sealed class SqliteReminderFixture : SqliteApiFixture, IReminderFixture, IDisposable
{
    public TestClock Clock { get; } = new(ReminderSettings.Monday);
    public LoopbackSmtpServer Smtp { get; } = new();
    public ApiFixture Api => this;
    protected override bool ShippedProcedures => true;

    protected override WorkflowHostFactory CreateFactory(IReadOnlyDictionary<string, string?> settings, RecentLogs logs) =>
        new ClockHostFactory(ReminderSettings.With(settings, Smtp), logs, Clock);

    public WorkflowHostFactory SecondNode()
    {
        // Hangfire's log provider is process-global and may point at a node disposed earlier (see ApiFixture).
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
        return new ClockHostFactory(ReminderSettings.With(Settings, Smtp), new RecentLogs(), Clock);
    }

    public void Dispose() => Smtp.Dispose();
}

public sealed class PostgresReminderFixture(SharedPostgres postgres) : PostgresApiFixture(postgres), IReminderFixture, IDisposable
{
    public TestClock Clock { get; } = new(ReminderSettings.Monday);
    public LoopbackSmtpServer Smtp { get; } = new();
    public ApiFixture Api => this;
    protected override bool ShippedProcedures => true;

    protected override WorkflowHostFactory CreateFactory(IReadOnlyDictionary<string, string?> settings, RecentLogs logs) =>
        new ClockHostFactory(ReminderSettings.With(settings, Smtp), logs, Clock);

    public WorkflowHostFactory SecondNode()
    {
        // Hangfire's log provider is process-global and may point at a node disposed earlier (see ApiFixture).
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
        return new ClockHostFactory(ReminderSettings.With(Settings, Smtp), new RecentLogs(), Clock);
    }

    public void Dispose() => Smtp.Dispose();
}

/// <summary>A fixture whose host runs on a clock the tests set.</summary>
public interface IClockFixture
{
    TestClock Clock { get; }
}
