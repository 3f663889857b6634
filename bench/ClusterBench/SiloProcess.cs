using System.Diagnostics;
using System.Globalization;
using Lens.Tests;
using Lens.Tests.Azurite;

namespace Lens.Bench;

/// <summary>A Lens.Silo process on Azure storage, as deployed; <see cref="Kill"/> is kill -9.</summary>
internal sealed class SiloProcess : IDisposable
{
    private readonly Process _process;

    private SiloProcess(Process process, int siloPort)
    {
        _process = process;
        SiloPort = siloPort;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int SiloPort { get; }

    public static SiloProcess Start(string azureConnection, string clusterId)
    {
        var path = Path.Combine(TestPaths.RepoRoot, "silo", "bin", "Release", "net10.0", "Lens.Silo.dll");
        if (!File.Exists(path)) throw new FileNotFoundException($"build the silo first: dotnet build silo -c Release ({path} is missing)");
        var siloPort = FreePort.Next();
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(path)!, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(path);
        info.Environment["LENS_STORAGE"] = "azure";
        info.Environment["LENS_AZURE_CONNECTION"] = azureConnection;
        info.Environment["LENS_CLUSTER_ID"] = clusterId;
        info.Environment["LENS_SILO_PORT"] = siloPort.ToString(CultureInfo.InvariantCulture);
        info.Environment["LENS_GATEWAY_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        info.Environment["LENS_MODELS"] = "";
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["Logging__LogLevel__Default"] = "Error";
        return new SiloProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start"), siloPort);
    }

    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }
}
