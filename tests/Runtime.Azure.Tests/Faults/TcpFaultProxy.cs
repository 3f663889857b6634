using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Lens.Runtime.Azure.Tests.Faults;

/// <summary>
/// A TCP relay in front of Azurite that can reset every open connection at once, so requests die at any
/// point: before they reach the service, while it works on them, or after it answered.
/// </summary>
internal sealed class TcpFaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentDictionary<Guid, (TcpClient Client, TcpClient Server)> _links = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly int _targetPort;
    private readonly Task _accepting;
    private int _severed;

    public TcpFaultProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The port to connect to instead of the target's.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>How many connections were reset.</summary>
    public int Severed => _severed;

    /// <summary>Resets (RST) every connection open right now.</summary>
    public void SeverAll()
    {
        foreach (var (id, link) in _links)
        {
            if (!_links.TryRemove(id, out _)) continue;
            Reset(link.Client);
            Reset(link.Server);
            Interlocked.Increment(ref _severed);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        SeverAll();
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        var server = new TcpClient();
        var id = Guid.NewGuid();
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            _links[id] = (client, server);
            await Task.WhenAny(
                client.GetStream().CopyToAsync(server.GetStream(), _stop.Token),
                server.GetStream().CopyToAsync(client.GetStream(), _stop.Token));
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A severed or closed link; both ends are closed below.
        }
        finally
        {
            _links.TryRemove(id, out _);
            client.Dispose();
            server.Dispose();
        }
    }

    private static void Reset(TcpClient connection)
    {
        var socket = connection.Client;
        if (socket is null) return; // already disposed by its relay
        try
        {
            socket.LingerState = new LingerOption(true, 0); // close with RST, not FIN
            socket.Close();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }
}
