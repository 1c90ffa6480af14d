using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Testing;

namespace WorkflowHost.Server.Tests.Infrastructure;

/// <summary>A host suite with a settable clock and a loopback SMTP server the host mails through.</summary>
public interface IReminderFixture : IClockFixture
{
    LoopbackSmtpServer Smtp { get; }
    ApiFixture Api { get; }

    /// <summary>Another node on the same database, clock and SMTP server (dispose it).</summary>
    WorkflowHostFactory SecondNode();
}

/// <summary>Settings of the reminder suites on top of the API suite's.</summary>
public static class ReminderSettings
{
    public static readonly TimeSpan EmailRetryDelay = TimeSpan.FromMilliseconds(300);
    public const int EmailAttempts = 3;

    public static Dictionary<string, string?> With(IReadOnlyDictionary<string, string?> settings, LoopbackSmtpServer smtp) => new(settings)
    {
        ["WorkflowHost:Smtp:Host"] = "127.0.0.1",
        ["WorkflowHost:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["WorkflowHost:Smtp:Security"] = "none",
        ["WorkflowHost:Smtp:Sender"] = "Trung tâm Hải Châu <motcua@example.vn>",
        ["WorkflowHost:Smtp:Attempts"] = EmailAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["WorkflowHost:Smtp:RetryDelay"] = EmailRetryDelay.ToString("c"),
        ["WorkflowHost:Smtp:Timeout"] = "00:00:10",
        // Tests sign in afresh after each move of the clock, many times per user.
        ["WorkflowHost:LoginAttemptsPerUser"] = "1000",
    };

    /// <summary>Monday 7 December 2026, 08:00 in Đà Nẵng: a working day three days after these tests were written.</summary>
    public static readonly DateTimeOffset Monday = VietnamTime.At(2026, 12, 7, 8);
}

public sealed class SqliteReminderFixture : SqliteApiFixture, IReminderFixture, IDisposable
{
    public SettableClock Clock { get; } = SettableClock.StandingAt(ReminderSettings.Monday);
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
    public SettableClock Clock { get; } = SettableClock.StandingAt(ReminderSettings.Monday);
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
