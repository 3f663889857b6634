using System.Text.Json;
using Lens.Cli;
using Lens.Tests;

namespace Lens.Analyses.Tests;

/// <summary><c>lens cache-bench</c>: its figures are consistent with what it cached; bad options named.</summary>
public sealed class ActivationCacheBenchCommandTests
{
    private static (int Code, string Stdout, string Stderr) Lens(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        return (LensCli.Run(args, stdout, stderr), stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void ReportsCostsLatenciesAndTheBytesOfWhatItCached()
    {
        using var dir = new TempDirectory();
        var (code, stdout, stderr) = Lens("cache-bench", "--model", TestPaths.Stories260KHf, "--conversations", "3", "--tokens", "40",
            "--prompt-tokens", "5", "--chunk", "16", "--reads", "50", "--dir", dir.Path, "--threads", "1");
        Assert.True(code == 0, stderr);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(3 * 40 * 6 * 64 * 2, root.GetProperty("fp16_bytes").GetInt64()); // stories260K: 5 layers + embedding, D = 64
        var disk = Directory.GetFiles(dir.Path, "*" + ResidualStreamStore.FileExtension).Sum(f => new FileInfo(f).Length);
        Assert.Equal(disk, root.GetProperty("disk_bytes").GetInt64());
        Assert.Equal(3, Directory.GetFiles(dir.Path).Length);
        foreach (var name in new[] { "read_one_position_memory_us", "read_one_position_disk_us", "read_one_position_evicted_us" })
        {
            var latency = root.GetProperty(name);
            Assert.True(latency.GetProperty("p50").GetDouble() <= latency.GetProperty("p99").GetDouble(), name);
        }
        Assert.True(root.GetProperty("caching_ms_per_100_tokens").GetDouble() > 0);
    }

    [Theory]
    [InlineData("--tokens 10 --prompt-tokens 10", "1 ≤ --prompt-tokens < --tokens")]
    [InlineData("--tokens 600", "--tokens 600 exceeds the model's context length of 512")]
    [InlineData("--chunk 0", "--conversations, --chunk and --reads must be positive")]
    public void BadOptionsAreNamed(string options, string error)
    {
        var (code, _, stderr) = Lens(["cache-bench", "--model", TestPaths.Stories260KHf, .. options.Split(' ')]);
        Assert.Equal(2, code);
        Assert.Contains(error, stderr);
    }
}
