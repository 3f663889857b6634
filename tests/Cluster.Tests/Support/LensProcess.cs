using System.Diagnostics;
using System.Text;
using Lens.Tests;

namespace Lens.Cluster.Tests.Support;

/// <summary>A real Lens.Silo or Lens.Client process configured by environment only, as in production.</summary>
internal sealed class LensProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private LensProcess(string name, Process process, IReadOnlyDictionary<string, string> environment)
    {
        Name = name;
        _process = process;
        Environment = environment;
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>A label for messages.</summary>
    public string Name { get; }

    /// <summary>The LENS_* (and other) variables it was started with.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>Whether the process still runs.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <summary>Everything it printed.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Starts the silo host (<c>silo/</c>).</summary>
    public static LensProcess StartSilo(string name, IReadOnlyDictionary<string, string> environment) => Start(name, "silo", "Lens.Silo.dll", environment);

    /// <summary>Starts the web host (<c>client/</c>).</summary>
    public static LensProcess StartClient(string name, IReadOnlyDictionary<string, string> environment) => Start(name, "client", "Lens.Client.dll", environment);

    /// <summary>SIGKILL: no shutdown code runs, connections just drop.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static LensProcess Start(string name, string project, string assembly, IReadOnlyDictionary<string, string> environment)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(TestPaths.RepoRoot, project, "bin", configuration, "net10.0", assembly);
        if (!File.Exists(path)) throw new FileNotFoundException($"{assembly} is not built at '{path}': run `dotnet build {project} -c {configuration}`.");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(path)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(path);
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["DOTNET_gcServer"] = "0"; // several processes share two cores
        foreach (var (key, value) in environment) info.Environment[key] = value;
        return new LensProcess(name, Process.Start(info) ?? throw new InvalidOperationException($"dotnet did not start {assembly}."), environment);
    }

    private void Record(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }
}
