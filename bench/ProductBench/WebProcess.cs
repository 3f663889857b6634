using System.Diagnostics;
using Lens.Tests;
using Lens.Tests.Azurite;

namespace Lens.Bench;

/// <summary>
/// The real web process (<c>Lens.Client.dll</c>, Release) with its co-hosted silo on file storage, on a free 127.0.0.1
/// port: clicks measured here cross Kestrel, authentication, the rate limit and the grains as a browser's do. It runs
/// in its own process, so the load generator does not share its thread pool.
/// </summary>
public sealed class WebProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _root;

    private WebProcess(Process process, string root, Uri address) => (_process, _root, Address) = (process, root, address);

    public Uri Address { get; }

    /// <param name="requestsPerSecond">The per-user rate limit (<c>Lens:Api:RequestsPerSecond</c>; the burst is twice it).</param>
    public static async Task<WebProcess> StartAsync(string model, int requestsPerSecond)
    {
        var dll = Path.Combine(TestPaths.RepoRoot, "client", "bin", "Release", "net10.0", "Lens.Client.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"the web process is not built at {dll}: run `dotnet build client -c Release`");
        var root = Directory.CreateTempSubdirectory("lens-bench-web-").FullName;
        var ports = FreePort.Many(3); // HTTP, silo, gateway
        var port = ports[0];
        var info = new ProcessStartInfo("dotnet", [dll]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["LENS_HTTP_PORT"] = port.ToString();
        info.Environment["LENS_DATA_DIR"] = Path.Combine(root, "data");
        info.Environment["LENS_MODELS"] = $"{BenchCluster.Model}={model}";
        info.Environment["LENS_AUTH_KEY"] = "product-bench-signing-key";
        info.Environment["LENS_SILO_PORT"] = ports[1].ToString();
        info.Environment["LENS_GATEWAY_PORT"] = ports[2].ToString();
        info.Environment["Lens__Api__RequestsPerSecond"] = requestsPerSecond.ToString();
        info.Environment["Lens__Api__Burst"] = (2 * requestsPerSecond).ToString();
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start the web process");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) Console.Error.WriteLine($"  web: {line}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var web = new WebProcess(process, root, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { BaseAddress = web.Address };
        for (var clock = Stopwatch.StartNew(); ; await Task.Delay(200))
        {
            if (process.HasExited) throw new InvalidOperationException($"the web process exited with {process.ExitCode}");
            if (clock.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("the web process did not report the model healthy within 60 s");
            try
            {
                if ((await http.GetStringAsync("/api/health")).Contains("\"ok\"", StringComparison.Ordinal)) return web;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
