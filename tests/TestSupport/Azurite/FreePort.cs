using System.Net;
using System.Net.Sockets;

namespace Lens.Tests.Azurite;

/// <summary>Ports the OS reports free on 127.0.0.1.</summary>
public static class FreePort
{
    /// <summary>One free port (the OS picks it; a brief race with other processes is possible).</summary>
    public static int Next() => Many(1)[0];

    /// <summary>
    /// <paramref name="count"/> ports the OS reports free; all listeners stay open until every port is known, so the
    /// OS cannot hand out one port twice (it can still give one to another process before it is used).
    /// </summary>
    public static int[] Many(int count)
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
}
