using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WorkflowHost.Server.Tests.Infrastructure;

/// <summary>A message the test SMTP server accepted: envelope recipients and the raw DATA (headers and body).</summary>
public sealed record ReceivedMail(IReadOnlyList<string> Recipients, string Data)
{
    /// <summary>The message as a mail client reads it (headers and body decoded by MimeKit).</summary>
    public MimeKit.MimeMessage Message => MimeKit.MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(Data)));

    /// <summary>Decoded subject and plain-text body, for assertions on what the recipient reads.</summary>
    public string Text => $"{Message.Subject}\n{Message.TextBody}";
}

/// <summary>
/// A real SMTP server on a loopback port, speaking just the plain-text dialogue MailKit uses (EHLO, MAIL, RCPT, DATA,
/// QUIT), so e-mail is tested over a socket rather than with a stub. <see cref="FailNext"/> makes it refuse the next
/// messages with a transient 451, as a mail server that is down would.
/// </summary>
public sealed class LoopbackSmtpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private int _failures;

    public LoopbackSmtpServer()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public ConcurrentQueue<ReceivedMail> Received { get; } = new();

    /// <summary>How many MAIL commands were answered (accepted or refused): each is one delivery attempt.</summary>
    public int Attempts => _attempts;

    private int _attempts;

    /// <summary>Refuses the next <paramref name="count"/> messages with 451 (a transient failure).</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failures, count);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 localhost test SMTP");
        var recipients = new List<string>();
        try
        {
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO" or "HELO":
                        await writer.WriteLineAsync("250 localhost");
                        break;
                    case "MAIL":
                        Interlocked.Increment(ref _attempts);
                        recipients.Clear();
                        if (Interlocked.Decrement(ref _failures) >= 0) await writer.WriteLineAsync("451 4.3.0 Mail server temporarily unavailable");
                        else await writer.WriteLineAsync("250 OK");
                        break;
                    case "RCPT":
                        recipients.Add(line[(line.IndexOf('<') + 1)..line.IndexOf('>')]);
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                        Received.Enqueue(new ReceivedMail(recipients.ToList(), data.ToString()));
                        await writer.WriteLineAsync("250 OK queued");
                        break;
                    case "RSET":
                        recipients.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("250 OK");
                        break;
                }
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (IOException)
        {
        }
    }
}
