using System.Text.Json;
using Lens.Cli;
using Lens.Tests;

namespace Lens.Engine.Tests;

/// <summary><c>lens batch-bench</c>: one row per stream count with its ratio to one stream; bad options named.</summary>
public sealed class BatchBenchCommandTests
{
    private static (int Code, string Stdout, string Stderr) Lens(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        return (LensCli.Run(args, stdout, stderr), stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void PrintsEveryStreamCountWithItsRatioToOneStream()
    {
        var (code, stdout, stderr) = Lens("batch-bench", "--model", TestPaths.Stories260KHf, "--streams", "4,1,2", "--runs", "1", "--decode-tokens", "4", "--threads", "1");
        Assert.True(code == 0, stderr);
        var results = JsonDocument.Parse(stdout).RootElement.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal([1, 2, 4], results.Select(r => r.GetProperty("streams").GetInt32()));
        Assert.Equal(1.0, results[0].GetProperty("ratio_to_1_stream").GetDouble());
        foreach (var r in results)
        {
            var aggregate = r.GetProperty("aggregate_tokens_per_s").GetDouble();
            Assert.True(aggregate > 0);
            Assert.InRange(r.GetProperty("per_stream_tokens_per_s").GetDouble() - aggregate / r.GetProperty("streams").GetInt32(), -0.01, 0.01); // both rounded to 2 places
        }
    }

    [Theory]
    [InlineData("--streams 0,4", "--streams needs positive stream counts")]
    [InlineData("--runs 0", "--prompt-tokens, --decode-tokens and --runs must be positive")]
    [InlineData("--prompt-tokens 500 --decode-tokens 100", "--prompt-tokens + --decode-tokens (600) exceed the model's context length of 512")]
    [InlineData("--streams 1,x", "--streams must be an integer, got 'x'")]
    public void BadOptionsAreNamed(string options, string error)
    {
        var (code, _, stderr) = Lens(["batch-bench", "--model", TestPaths.Stories260KHf, .. options.Split(' ')]);
        Assert.Equal(2, code);
        Assert.Contains(error, stderr);
    }
}
