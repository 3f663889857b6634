using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Lens.Tests.Azurite;

/// <summary>
/// One Azurite process on 127.0.0.1, on free ports, with its data in a temp folder. It can be stopped and
/// started again on the same ports and folder to simulate a storage outage.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(40);
    private readonly StringBuilder _output = new();
    private Process? _process;

    private AzuriteServer(string dataFolder)
    {
        DataFolder = dataFolder;
        var ports = FreePort.Many(3);
        BlobPort = ports[0];
        QueuePort = ports[1];
        TablePort = ports[2];
    }

    /// <summary>Azurite's workspace folder.</summary>
    public string DataFolder { get; }

    /// <summary>Blob service port.</summary>
    public int BlobPort { get; }

    /// <summary>Queue service port (unused, but Azurite always opens it).</summary>
    public int QueuePort { get; }

    /// <summary>Table service port.</summary>
    public int TablePort { get; }

    /// <summary>A connection string for this server.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    /// <summary>Azurite's well-known development account (a public, documented key, not a secret).</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The development account's key.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>Whether the process is running.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a server on fresh ports and a fresh temp folder, and waits until it accepts connections.</summary>
    public static async Task<AzuriteServer> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "lens-azurite-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(folder);
        var server = new AzuriteServer(folder);
        await server.RestartAsync();
        return server;
    }

    /// <summary>Starts the process (again) on the same ports and folder.</summary>
    public async Task RestartAsync()
    {
        if (IsRunning) throw new InvalidOperationException("Azurite is already running.");
        var info = new ProcessStartInfo(await AzuriteLocator.FindAsync())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--location", DataFolder, "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
                     "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(),
                     "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(),
                     "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(),
                 })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Azurite did not start.");
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = DateTime.UtcNow + StartTimeout;
        while (!(await AcceptsAsync(BlobPort) && await AcceptsAsync(TablePort)))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await StopAsync(TimeSpan.Zero);
                throw new InvalidOperationException(
                    $"Azurite did not listen on blob {BlobPort} / table {TablePort} within {StartTimeout.TotalSeconds} s. Output:\n{Output}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Stops the process: SIGTERM, then SIGKILL after <paramref name="grace"/>. Azurite flushes its metadata on
    /// SIGTERM but takes 10–14 s to exit, so a short grace trades that flush for speed.
    /// </summary>
    public async Task StopAsync(TimeSpan grace)
    {
        var process = _process;
        if (process is null) return;
        _process = null;
        if (!process.HasExited)
        {
            PosixSignal.Thaw(process.Id);
            PosixSignal.Terminate(process.Id);
            using var wait = new CancellationTokenSource(grace);
            try { await process.WaitForExitAsync(wait.Token); }
            catch (OperationCanceledException) { process.Kill(entireProcessTree: true); }
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    /// <summary>Suspends the process (SIGSTOP): connections stay open and requests get no answer, like a hung service.</summary>
    public void Freeze() => PosixSignal.Freeze(_process?.Id ?? throw new InvalidOperationException("Azurite is not running."));

    /// <summary>Resumes a frozen process (SIGCONT); requests sent meanwhile are then served.</summary>
    public void Thaw() => PosixSignal.Thaw(_process?.Id ?? throw new InvalidOperationException("Azurite is not running."));

    /// <summary>What Azurite printed, for failure messages.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(1));
        try { System.IO.Directory.Delete(DataFolder, recursive: true); }
        catch (IOException) { /* a file still held open; the temp folder is cleaned eventually */ }
    }

    private void Record(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
