using System.Diagnostics;
using System.Text;
using Lens.Runtime.Azure.Tests.Azurite;

namespace Lens.Runtime.Azure.Tests.Cluster;

/// <summary>One silo process configured by environment only, as in production; killed with SIGKILL to simulate a crash.</summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiloProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The silo's HTTP/2 port.</summary>
    public int Port { get; }

    /// <summary>The address the silo advertises in the membership table.</summary>
    public string Address => $"http://127.0.0.1:{Port}/";

    /// <summary>Whether the process still runs.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <summary>Everything the silo printed.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Starts a silo on Azure storage (<c>LENS_STORAGE=azure</c>) on a free port.</summary>
    public static SiloProcess Start(string azureConnection, string capabilities = "")
    {
        var silo = SiloBinary.Find();
        var port = FreePort.Next();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(silo)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(silo);
        info.Environment["LENS_STORAGE"] = "azure";
        info.Environment["LENS_AZURE_CONNECTION"] = azureConnection;
        info.Environment["LENS_HOST"] = "127.0.0.1";
        info.Environment["LENS_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["LENS_CAPABILITIES"] = capabilities;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        return new SiloProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start."), port);
    }

    /// <summary>SIGKILL: no shutdown, no goodbye in the membership table, connections just drop.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }
}
