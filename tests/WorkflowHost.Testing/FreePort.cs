using System.Net;
using System.Net.Sockets;

namespace WorkflowHost.Testing;

/// <summary>Finds TCP ports on the loopback interface that nothing is listening on.</summary>
public static class FreePort
{
    /// <summary>
    /// Returns a port on 127.0.0.1 that was free a moment ago (the OS picks it by binding port 0).
    /// Another process may still take it before you bind it, so a caller that binds it later should
    /// retry with a new port when the bind fails.
    /// </summary>
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>True when something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static bool IsListening(int port, int timeoutMilliseconds = 1000)
    {
        using var client = new TcpClient();
        try
        {
            return client.ConnectAsync(IPAddress.Loopback, port).Wait(timeoutMilliseconds) && client.Connected;
        }
        catch (AggregateException)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
