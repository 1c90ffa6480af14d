using WorkflowHost.Testing;

namespace WorkflowHost.Server.Tests.Infrastructure;

/// <summary>
/// The reminder suites' host: the shipped procedures, a clock standing at <see cref="Monday"/> until the test moves it,
/// and a loopback SMTP server the host mails through (every node of the suite uses the same clock and server).
/// </summary>
public sealed class ReminderSetup() : ClockSetup(SettableClock.StandingAt(Monday))
{
    public static readonly TimeSpan EmailRetryDelay = TimeSpan.FromMilliseconds(300);
    public const int EmailAttempts = 3;

    /// <summary>Monday 7 December 2026, 08:00 in Đà Nẵng: a working day three days after these tests were written.</summary>
    public static readonly DateTimeOffset Monday = VietnamTime.At(2026, 12, 7, 8);

    public LoopbackSmtpServer Smtp { get; } = new();

    public override bool ShippedProcedures => true;

    public override IReadOnlyDictionary<string, string?> Settings(IReadOnlyDictionary<string, string?> settings) => new Dictionary<string, string?>(settings)
    {
        ["WorkflowHost:Smtp:Host"] = "127.0.0.1",
        ["WorkflowHost:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["WorkflowHost:Smtp:Security"] = "none",
        ["WorkflowHost:Smtp:Sender"] = "Trung tâm Hải Châu <motcua@example.vn>",
        ["WorkflowHost:Smtp:Attempts"] = EmailAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["WorkflowHost:Smtp:RetryDelay"] = EmailRetryDelay.ToString("c"),
        ["WorkflowHost:Smtp:Timeout"] = "00:00:10",
        // Tests sign in afresh after each move of the clock, many times per user.
        ["WorkflowHost:LoginAttemptsPerUser"] = "1000",
    };

    public override void Dispose() => Smtp.Dispose();
}
