using System.Net;
using System.Net.Sockets;

namespace Lens.Tests.Azurite;

/// <summary>Ports the OS reports free on 127.0.0.1.</summary>
public static class FreePort
{
    /// <summary>One free port (the OS picks it; a brief race with other processes is possible).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
