using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Lens.Storage.Tests.Faults;

/// <summary>
/// A TCP relay on 127.0.0.1 in front of a service that can lose answers: armed with <see cref="DropNextResponses"/>,
/// it lets a request through, waits for the service's answer, and then resets the connection instead of passing the
/// answer on. The service did the work; the caller cannot know it.
/// </summary>
internal sealed class ResponseDroppingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentDictionary<Guid, (TcpClient Client, TcpClient Server)> _links = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly int _targetPort;
    private readonly Task _accepting;
    private int _toDrop;
    private int _dropped;

    public ResponseDroppingProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The port to connect to instead of the service's.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Answers lost so far.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    /// <summary>Loses the next <paramref name="count"/> answers.</summary>
    public void DropNextResponses(int count) => Interlocked.Exchange(ref _toDrop, count);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var (_, link) in _links) { Reset(link.Client); Reset(link.Server); }
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
                AnswersAsync(server.GetStream(), client, server));
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A reset or closed link; both ends are closed below.
        }
        finally
        {
            _links.TryRemove(id, out _);
            client.Dispose();
            server.Dispose();
        }
    }

    // Passes the service's bytes on, unless an answer is to be lost: then both connections are reset.
    private async Task AnswersAsync(NetworkStream fromServer, TcpClient client, TcpClient server)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var read = await fromServer.ReadAsync(buffer, _stop.Token);
            if (read == 0) return;
            if (TryTakeDrop())
            {
                Interlocked.Increment(ref _dropped);
                Reset(client);
                Reset(server);
                return;
            }
            await client.GetStream().WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }

    private bool TryTakeDrop()
    {
        while (true)
        {
            var left = Volatile.Read(ref _toDrop);
            if (left <= 0) return false;
            if (Interlocked.CompareExchange(ref _toDrop, left - 1, left) == left) return true;
        }
    }

    private static void Reset(TcpClient connection)
    {
        try
        {
            connection.Client.LingerState = new LingerOption(true, 0); // close with RST, not FIN
            connection.Client.Close();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or NullReferenceException)
        {
        }
    }
}
