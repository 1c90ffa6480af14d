using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace WorkflowHost.Testing.Tests;

public sealed class SupportTests
{
    [Fact]
    public void FreePort_returns_a_bindable_loopback_port()
    {
        var port = FreePort.Next();
        Assert.InRange(port, 1, 65535);
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        try
        {
            Assert.True(FreePort.IsListening(port));
        }
        finally
        {
            listener.Stop();
        }

        Assert.False(FreePort.IsListening(port));
    }

    [Fact]
    public void Chromium_args_are_the_headless_set()
    {
        Assert.Equal(
            ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            Chromium.HeadlessArgs);
    }

    [Fact]
    public async Task Chromium_renders_a_page_headless()
    {
        var profile = Directory.CreateTempSubdirectory("wfh-chromium-");
        try
        {
            var start = new ProcessStartInfo(Chromium.ExecutablePath)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in Chromium.HeadlessArgs)
            {
                start.ArgumentList.Add(arg);
            }

            start.ArgumentList.Add("--user-data-dir=" + profile.FullName);
            start.ArgumentList.Add("--dump-dom");
            start.ArgumentList.Add("data:text/html,<p id=x>hello</p><script>document.getElementById('x').textContent += ' from js'</script>");

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            Assert.True(process.ExitCode == 0, $"chromium exited {process.ExitCode}: {await stderr}");
            Assert.Contains("hello from js", await stdout, StringComparison.Ordinal);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
