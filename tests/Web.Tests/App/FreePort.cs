using System.Net;
using System.Net.Sockets;

namespace Lens.Web.Tests.App;

/// <summary>A port on 127.0.0.1 nobody listens on right now (for the silo and gateway ports, which cannot be 0).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
