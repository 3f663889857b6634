using Lens.Tests;
using System.Globalization;
using Lens.Engine.Inference;

namespace Lens.Analyses.Tests;

public sealed class AttentionMetricsJobTests
{
    /// <summary>Yields another dataset's samples and cancels a token once a given sample is reached (a run killed midway).</summary>
    private sealed class CancellingDataset(ITokenDataset inner, int at, CancellationTokenSource cts) : ITokenDataset
    {
        public IEnumerable<TokenSample> Samples()
        {
            foreach (var s in inner.Samples())
            {
                if (s.Index == at) cts.Cancel();
                yield return s;
            }
        }
    }

    private static string WriteJsonl(string folder, int samples, int vocab)
    {
        var path = Path.Combine(folder, "data.jsonl");
        var rng = new Random(42);
        File.WriteAllLines(path, Enumerable.Range(0, samples).Select(_ =>
            "{\"ids\": [" + string.Join(", ", Enumerable.Range(0, rng.Next(3, 17)).Select(_ => rng.Next(vocab))) + "]}"));
        return path;
    }

    [Fact]
    public void InterruptedRunResumesToFilesIdenticalToAnUninterruptedRun()
    {
        using var model = Transformer.Load(TestPaths.Stories260KHf, threads: 2);
        var root = TestPaths.TempFolder("resume");
        var data = new JsonlDataset(WriteJsonl(root, 12, model.Config.Vocab));

        var straight = new AttentionMetricsJobOptions(Path.Combine(root, "straight"));
        var whole = new AttentionMetricsJob(model, straight).Run(data);
        Assert.Equal(12, whole.Written);

        var resumed = new AttentionMetricsJobOptions(Path.Combine(root, "resumed"));
        using var cts = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => new AttentionMetricsJob(model, resumed).Run(new CancellingDataset(data, 5, cts), cancel: cts.Token));
        // A kill can also land mid-write: leave half a CSV row and half a block behind.
        File.AppendAllText(resumed.CsvPath, "5,0,0,0,1.2");
        File.AppendAllText(resumed.BinaryPath, "SMP1\u0005\0\0\0partial");
        Assert.Equal(5, MetricsColumnFile.ReadAll(resumed.BinaryPath).TakeWhile(b => b.Metrics.Count > 0).Count());

        var rest = new AttentionMetricsJob(model, resumed).Run(data);
        Assert.Equal(5, rest.Skipped);
        Assert.Equal(7, rest.Written);
        Assert.Equal(File.ReadAllBytes(straight.CsvPath), File.ReadAllBytes(resumed.CsvPath));
        Assert.Equal(File.ReadAllBytes(straight.BinaryPath), File.ReadAllBytes(resumed.BinaryPath));

        var again = new AttentionMetricsJob(model, resumed).Run(data);
        Assert.Equal((0, 12), (again.Written, again.Skipped));
        Assert.Equal(File.ReadAllBytes(straight.CsvPath), File.ReadAllBytes(resumed.CsvPath));
    }

    [Fact]
    public void CsvAndBinaryHoldTheSameRowsAsADirectMeasurement()
    {
        using var model = Transformer.Load(TestPaths.Stories260KHf, threads: 2);
        var root = TestPaths.TempFolder("rows");
        var path = WriteJsonl(root, 3, model.Config.Vocab);
        var options = new AttentionMetricsJobOptions(Path.Combine(root, "out"), Threshold: 0.8);
        new AttentionMetricsJob(model, options).Run(new JsonlDataset(path));

        var samples = new JsonlDataset(path).Samples().ToArray();
        var blocks = MetricsColumnFile.ReadAll(options.BinaryPath).ToArray();
        var lines = File.ReadAllLines(options.CsvPath);
        Assert.Equal(MetricsCsv.Header.TrimEnd('\n'), lines[0]);
        var c = model.Config;
        Assert.Equal(1 + samples.Sum(s => c.Layers * c.Heads * s.Ids.Length), lines.Length);
        var line = 1;
        for (var s = 0; s < samples.Length; s++)
        {
            var direct = AttentionMetricsHooks.Measure(model, samples[s].Ids, 0.8);
            Assert.Equal(s, blocks[s].Sample);
            Assert.Equal(direct.Entropy, blocks[s].Metrics.Entropy);
            Assert.Equal(direct.KEff, blocks[s].Metrics.KEff);
            for (var l = 0; l < c.Layers; l++)
                for (var h = 0; h < c.Heads; h++)
                    for (var t = 0; t < samples[s].Ids.Length; t++)
                    {
                        var f = lines[line++].Split(',');
                        var i = direct.Index(l, h, t);
                        Assert.Equal([s, l, h, t], f[..4].Select(int.Parse));
                        Assert.Equal(direct.QueryNorm[i], float.Parse(f[4], CultureInfo.InvariantCulture));
                        Assert.Equal(direct.Entropy[i], float.Parse(f[5], CultureInfo.InvariantCulture));
                        Assert.Equal(direct.Max[i], float.Parse(f[6], CultureInfo.InvariantCulture));
                        Assert.Equal(direct.KEff[i], int.Parse(f[7]));
                    }
        }
    }

    [Fact]
    public void ResumingWithAnotherThresholdIsRefused()
    {
        using var model = Transformer.Load(TestPaths.Stories260KHf, threads: 2);
        var root = TestPaths.TempFolder("threshold");
        var data = new JsonlDataset(WriteJsonl(root, 2, model.Config.Vocab));
        new AttentionMetricsJob(model, new AttentionMetricsJobOptions(Path.Combine(root, "out"))).Run(data);
        Assert.Throws<InvalidOperationException>(() => new AttentionMetricsJob(model, new AttentionMetricsJobOptions(Path.Combine(root, "out"), Threshold: 0.5)).Run(data));
    }

    [Fact]
    public void SampleLimitStopsEarly()
    {
        using var model = Transformer.Load(TestPaths.Stories260KHf, threads: 2);
        var root = TestPaths.TempFolder("limit");
        var data = new JsonlDataset(WriteJsonl(root, 6, model.Config.Vocab));
        var progress = new AttentionMetricsJob(model, new AttentionMetricsJobOptions(Path.Combine(root, "out"), MaxSamples: 4)).Run(data);
        Assert.Equal(4, progress.Written);
        Assert.Equal(4, MetricsColumnFile.ReadAll(Path.Combine(root, "out", "metrics.amc")).Count());
    }
}
