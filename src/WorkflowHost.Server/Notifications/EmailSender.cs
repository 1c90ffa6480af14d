using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace WorkflowHost.Server.Notifications;

/// <summary>Sends one message through the configured SMTP server (MailKit); throws when the server refuses or cannot be reached.</summary>
public sealed class EmailSender(IOptions<SmtpOptions> options)
{
    public async Task SendAsync(string to, string subject, string body, CancellationToken ct)
    {
        var smtp = options.Value;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.Sender));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        await client.ConnectAsync(smtp.Host ?? throw new InvalidOperationException("WorkflowHost:Smtp:Host is not set."), smtp.Port, Security(smtp.Security), ct);
        if (!string.IsNullOrEmpty(smtp.UserName)) await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }

    private static SecureSocketOptions Security(string mode) => mode.Trim().ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "ssl" or "tls" => SecureSocketOptions.SslOnConnect,
        "auto" => SecureSocketOptions.Auto,
        _ => SecureSocketOptions.StartTls,
    };
}
