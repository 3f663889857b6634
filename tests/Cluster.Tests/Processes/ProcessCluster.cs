using System.Net.Http.Json;
using System.Text.Json;
using Lens.Cluster.Tests.Support;
using Lens.Tests;
using Lens.Tests.Azurite;

namespace Lens.Cluster.Tests.Processes;

/// <summary>
/// Real silo processes and one web client process on Azurite, configured by LENS_* variables as in production. The
/// silos share one data folder (activation files, research outputs), as a shared volume would be in a deployment.
/// </summary>
internal sealed class ProcessCluster : IAsyncDisposable
{
    private const string AuthKey = "process-cluster-test-signing-key";
    private readonly List<LensProcess> _processes = [];

    private ProcessCluster(AzuriteServer azurite) => Azurite = azurite;

    public AzuriteServer Azurite { get; }
    public string ClusterId { get; } = $"pc{Guid.NewGuid():N}"[..12];

    /// <summary>LENS_DATA_DIR of every silo.</summary>
    public string DataDirectory { get; } = TestPaths.TempFolder("process-cluster");

    /// <summary>The LENS_MODELS value that gives a silo stories260K under <paramref name="name"/>.</summary>
    public static string Stories(string name) => $"{name}={TestPaths.Stories260KHf}";

    public static async Task<ProcessCluster> StartAsync() => new(await AzuriteServer.StartAsync());

    /// <summary>Starts a silo process holding <paramref name="models"/> (a LENS_MODELS value).</summary>
    public LensProcess StartSilo(string name, string models)
    {
        var ports = Ports.Free(2);
        return Add(LensProcess.StartSilo(name, Environment(new()
        {
            ["LENS_SILO_PORT"] = ports[0].Text(),
            ["LENS_GATEWAY_PORT"] = ports[1].Text(),
            ["LENS_MODELS"] = models,
            ["LENS_DATA_DIR"] = DataDirectory,
        })));
    }

    /// <summary>Starts the web process (an Orleans client of the silos) and returns an HTTP client signed in as <paramref name="user"/>.</summary>
    public async Task<HttpClient> StartClientAsync(string user)
    {
        var port = Ports.Free(1)[0];
        Add(LensProcess.StartClient("client", Environment(new()
        {
            ["LENS_COHOST"] = "false",
            ["LENS_HTTP_PORT"] = port.Text(),
            ["LENS_AUTH_KEY"] = AuthKey,
        })));
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        await Eventually.Until("the web process answering", () => Health(http), h => h.Silos >= 0, TimeSpan.FromSeconds(90), h => $"{h}; {Output()}");
        using var signIn = await http.PostAsJsonAsync("/api/auth/sign-in", new { name = user });
        var token = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return http;
    }

    /// <summary>Waits until the web process's health reports <paramref name="silos"/> live silos.</summary>
    public async Task WaitForLiveSilosAsync(HttpClient http, int silos) =>
        await Eventually.Until($"the web process seeing {silos} silos", () => Health(http), h => h.Silos == silos, TimeSpan.FromSeconds(90),
            h => $"{h}; {Output()}");

    /// <summary>Waits until the model directory lists <paramref name="silos"/> live silos and <paramref name="model"/> on that many.</summary>
    public async Task WaitForSilosAsync(HttpClient http, int silos, string model)
    {
        await Eventually.Until($"{silos} silos serving {model}", () => ModelSilos(http, model), n => n == silos, TimeSpan.FromSeconds(120),
            n => $"{n} silos serve {model}; {Output()}");
    }

    /// <summary>Everything the processes printed, for failure messages.</summary>
    public string Output() => string.Join("\n---\n", _processes.Select(p => $"{p.Name}{(p.IsRunning ? "" : " (exited)")}: {p.Output}"));

    public async ValueTask DisposeAsync()
    {
        // Silos first: a silo whose storage vanished under it hangs in its graceful shutdown.
        foreach (var process in _processes) await process.DisposeAsync();
        await Azurite.DisposeAsync();
    }

    private static async Task<int> ModelSilos(HttpClient http, string model)
    {
        try
        {
            var info = await http.GetFromJsonAsync<JsonElement>("/api/model_info");
            return info.GetProperty("models").EnumerateArray()
                .Where(m => m.GetProperty("name").GetString() == model)
                .Select(m => m.GetProperty("silos").GetArrayLength()).FirstOrDefault();
        }
        catch (HttpRequestException)
        {
            return -1;
        }
    }

    private static async Task<(string Status, int Silos)> Health(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync("/api/health");
            var health = await response.Content.ReadFromJsonAsync<JsonElement>();
            return (health.GetProperty("status").GetString()!, health.GetProperty("silos").GetInt32());
        }
        catch (Exception e) when (e is HttpRequestException or JsonException)
        {
            return ("no answer", -1);
        }
    }

    private Dictionary<string, string> Environment(Dictionary<string, string> more)
    {
        more["LENS_STORAGE"] = "azure";
        more["LENS_AZURE_CONNECTION"] = Azurite.ConnectionString;
        more["LENS_CLUSTER_ID"] = ClusterId;
        return more;
    }

    private LensProcess Add(LensProcess process)
    {
        _processes.Add(process);
        return process;
    }
}
