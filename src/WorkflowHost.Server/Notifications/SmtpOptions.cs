namespace WorkflowHost.Server.Notifications;

/// <summary>
/// Settings under <c>WorkflowHost:Smtp</c>. E-mail is off until <see cref="Host"/> is set (in every environment, so a
/// developer's machine never mails anyone by accident); the in-app bell works either way.
/// </summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    /// <summary><c>none</c>, <c>starttls</c> (upgrade a plain connection; refuses a server without it), <c>ssl</c> (TLS from the
    /// first byte, port 465) or <c>auto</c> (TLS when the server offers it).</summary>
    public string Security { get; set; } = "starttls";
    /// <summary>The From address, e.g. <c>Trung tâm Phục vụ hành chính công &lt;noreply@danang.gov.vn&gt;</c>.</summary>
    public string Sender { get; set; } = "WorkflowHost <noreply@localhost>";
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>Attempts per message before it is marked failed (the notification stays in the bell).</summary>
    public int Attempts { get; set; } = 5;
    /// <summary>Delay before the first retry; doubles on each attempt.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Longest wait for the SMTP server per operation.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Link base for the dossier link in the message (e.g. <c>https://motcua.danang.gov.vn</c>); none when empty.</summary>
    public string? AppUrl { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}
