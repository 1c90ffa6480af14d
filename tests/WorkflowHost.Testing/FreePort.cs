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

    /// <summary>
    /// True when something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.
    /// Uses no thread-pool thread, so it stays reliable inside a busy test process.
    /// </summary>
    public static bool IsListening(int port, int timeoutMilliseconds = 5000)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Blocking = false;
        try
        {
            socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress or SocketError.AlreadyInProgress)
        {
            // Connecting: wait below.
        }
        catch (SocketException)
        {
            return false;
        }

        if (!socket.Poll(checked(timeoutMilliseconds * 1000), SelectMode.SelectWrite))
        {
            return false;
        }

        return socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error) is 0;
    }
}
