using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Lens.Runtime.Tests.Processes;

/// <summary>A real Lens.Silo process on the file store, with this test assembly's grains and fast timings.</summary>
internal sealed class SiloProcess : IDisposable
{
    private readonly Process _process;

    private SiloProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string IdPrefix => $"127.0.0.1:{Port}@";

    public static SiloProcess Start(string dataDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var silo = typeof(SiloProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SiloAssembly").Value!;
        if (!File.Exists(silo)) throw new FileNotFoundException($"Build the silo first: {silo} is missing.");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [silo])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataDirectory,
            Environment =
            {
                ["LENS_STORAGE"] = "file",
                ["LENS_DATA_DIR"] = dataDirectory,
                ["LENS_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["LENS_GRAIN_ASSEMBLIES"] = typeof(SiloProcess).Assembly.Location,
                ["LENS_HEARTBEAT_PERIOD"] = "00:00:00.200",
                ["LENS_SUSPECT_AFTER"] = "00:00:01",
                ["LENS_DEATH_TIMEOUT"] = "00:00:03",
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new SiloProcess(process, port);
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void KillHard() => _process.Kill(entireProcessTree: true);

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(5000);
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
