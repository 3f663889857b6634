using System.Diagnostics;
using System.Security.Cryptography;
using Xunit.Abstractions;

namespace Lens.Hub.Tests;

/// <summary>Prints download figures against the local fake hub (a figure, not an assertion: the machine is shared).</summary>
public sealed class ThroughputTests(ITestOutputHelper output) : HubTestBase
{
    [Fact]
    public async Task ReportsDownloadRateOfALargeFile()
    {
        var weights = new byte[64 << 20];
        new Random(5).NextBytes(weights);
        Hub.AddRepo("org/large").Commit(new Dictionary<string, byte[]> { ["config.json"] = "{}"u8.ToArray(), ["model.safetensors"] = weights });

        var clock = Stopwatch.StartNew();
        var folder = await Client().ResolveAsync("org/large");
        var seconds = clock.Elapsed.TotalSeconds;

        Assert.Equal(SHA256.HashData(weights), SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, "model.safetensors"))));
        var line = $"download from the local fake hub: {weights.Length / 1e6:0.0} MB in {seconds:0.00} s = {weights.Length / 1e6 / seconds:0} MB/s (sha256 checked while streaming, fsync before rename)";
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
