using System.Net;
using System.Net.Sockets;

namespace Lens.Cluster.Tests.Support;

/// <summary>Free 127.0.0.1 ports, distinct from each other.</summary>
internal static class Ports
{
    /// <summary>
    /// <paramref name="count"/> ports the OS reports free; all listeners stay open until every port is known, so the
    /// OS cannot hand out one port twice (it can still give one to another process before it is used).
    /// </summary>
    public static int[] Free(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    /// <summary>A port as a setting value.</summary>
    public static string Text(this int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
