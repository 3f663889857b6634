using Lens.Tests;
using System.Text.Json;
using Lens.Cli;

namespace Lens.Analyses.Tests;

/// <summary>The analysis commands through <c>lens</c>'s own dispatcher: output keys, files written, clear errors.</summary>
public sealed class CommandTests
{
    private static (int Code, string Out, string Err) Lens(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = LensCli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void LogitLensPrintsTheContractKeysForTheLayersGiven()
    {
        var (code, output, err) = Lens("logit-lens", "--model", TestPaths.Stories260KHf, "--ids", "1,403,407,261", "--layers", "3,1", "--top-k", "2", "--track", "--threads", "2");
        Assert.True(code == 0, err);
        var root = JsonDocument.Parse(output).RootElement;
        foreach (var key in new[] { "tokens", "layers", "top_indices", "top_probs", "tracked_indices", "tracked_probs", "bytes_binary" })
            Assert.True(root.TryGetProperty(key, out _), $"missing '{key}'");
        Assert.Equal([3, 1], root.GetProperty("layers").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(2, root.GetProperty("top_indices").GetArrayLength());
        Assert.Equal(4, root.GetProperty("top_indices")[0].GetArrayLength());
        Assert.Equal(2, root.GetProperty("top_indices")[0][0].GetArrayLength());
        Assert.Equal(4, root.GetProperty("tracked_indices").GetArrayLength());
        Assert.Equal(2, root.GetProperty("tracked_probs")[0].GetArrayLength());
        Assert.Equal(root.GetProperty("tracked_indices")[0].GetArrayLength(), root.GetProperty("tracked_probs")[0][0].GetArrayLength());
    }

    [Fact]
    public void LogitLensBinaryFormIsWrittenWithTheReportedSize()
    {
        var file = Path.Combine(TestPaths.TempFolder("cli"), "lens.llb");
        var (code, output, err) = Lens("logit-lens", "--model", TestPaths.Stories260KHf, "--ids", "1,403,407", "--track", "--format", "binary", "--out", file);
        Assert.True(code == 0, err);
        Assert.Equal(new FileInfo(file).Length, JsonDocument.Parse(output).RootElement.GetProperty("bytes_binary").GetInt64());
        using var stream = File.OpenRead(file);
        Assert.Equal([1, 403, 407], LogitLensBinary.Read(stream).InputIds);
    }

    [Theory]
    [InlineData(2, "logit-lens", "--ids", "1,2", "--format", "binary")]
    [InlineData(2, "logit-lens", "--ids", "1,2", "--format", "xml")]
    [InlineData(2, "logit-lens", "--ids", "1,2", "--prompt", "hi")]
    [InlineData(1, "logit-lens", "--ids", "1,2", "--layers", "7")]
    [InlineData(2, "research-capture", "--ids", "1,2", "--detail", "everything", "--out", "x.zarr")]
    [InlineData(2, "validate", "--kind", "bleu", "--data", "x", "--out", "y")]
    [InlineData(2, "attention-metrics", "--data", "x", "--out", "y", "--threshold", "1.5")]
    [InlineData(1, "attention-metrics", "--data", "/nonexistent/data", "--out", "y")]
    public void BadOptionsFailWithAMessage(int expected, params string[] args)
    {
        var (code, _, err) = Lens([args[0], "--model", TestPaths.Stories260KHf, .. args[1..]]);
        Assert.Equal(expected, code);
        Assert.StartsWith("error: ", err);
    }

    [Fact]
    public void AttentionMetricsCommandResumesAndReportsRowsPerSecond()
    {
        var dir = TestPaths.TempFolder("cli");
        var data = Path.Combine(dir, "d.jsonl");
        File.WriteAllLines(data, ["{\"ids\": [1, 5, 9, 300]}", "{\"ids\": [1, 7]}", "{\"ids\": [1, 8, 2]}"]);
        var outDir = Path.Combine(dir, "out");
        var first = Lens("attention-metrics", "--model", TestPaths.Stories260KHf, "--data", data, "--out", outDir, "--samples", "2");
        Assert.True(first.Code == 0, first.Err);
        Assert.Contains("attention-metrics: 2 written", first.Err);
        var second = JsonDocument.Parse(Lens("attention-metrics", "--model", TestPaths.Stories260KHf, "--data", data, "--out", outDir).Out).RootElement;
        Assert.Equal((1, 2), (second.GetProperty("written").GetInt32(), second.GetProperty("skipped").GetInt32()));
        Assert.True(second.GetProperty("rows_per_second").GetDouble() > 0);
        Assert.Equal(1 + 5 * 8 * (4 + 2 + 3), File.ReadAllLines(Path.Combine(outDir, "metrics.csv")).Length);
    }

    [Fact]
    public void ResearchCaptureCommandWritesAStoreAndReportsBothSizes()
    {
        var store = Path.Combine(TestPaths.TempFolder("cli"), "c.zarr");
        var (code, output, err) = Lens("research-capture", "--model", TestPaths.Stories260KHf, "--prompt", "Once upon a time", "--max-new-tokens", "3", "--detail", "top_heads", "--out", store);
        Assert.True(code == 0, err);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal(ZarrGroup.Size(store), root.GetProperty("store_bytes").GetInt64());
        Assert.True(root.GetProperty("json_bytes").GetInt64() > root.GetProperty("store_bytes").GetInt64());
        ZarrSpec.AssertStore(store);
    }

    [Fact]
    public void ValidateWritesTheFullReportAndPrintsProgress()
    {
        var outFile = Path.Combine(TestPaths.TempFolder("cli"), "mmlu.json");
        var data = Path.Combine(AppContext.BaseDirectory, "Data", "mmlu_sample.jsonl");
        var (code, output, err) = Lens("validate", "--model", TestPaths.Stories260KHf, "--kind", "mmlu", "--data", data, "--out", outFile, "--batch-size", "5", "--shots", "1");
        Assert.True(code == 0, err);
        Assert.Equal(3, err.Split('\n').Count(l => l.StartsWith("validate mmlu: batch", StringComparison.Ordinal)));
        var report = JsonDocument.Parse(File.ReadAllText(outFile)).RootElement;
        Assert.Equal(12, report.GetProperty("total").GetInt32());
        Assert.Equal(12, report.GetProperty("subjects").EnumerateObject().Sum(s => s.Value.GetProperty("total").GetInt32()));
        Assert.Equal(report.GetProperty("accuracy").GetDouble(), JsonDocument.Parse(output).RootElement.GetProperty("accuracy").GetDouble());
    }
}
