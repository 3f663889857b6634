using Lens.Tests;
using System.Text.Json;
using Lens.Engine.Hooks;
using Lens.Engine.Inference;

namespace Lens.Analyses.Tests;

public sealed class LogitLensTests
{
    private static readonly int[] Prompt = [1, 403, 407, 261, 378, 429, 267, 297, 373, 404, 425, 271, 264, 374, 267, 395, 302, 290, 437, 260];

    [Theory]
    [InlineData("stories260K")]
    [InlineData("gpt2")]
    public void TrackedTrajectoriesEqualFullLogitRecomputation(string family)
    {
        using var model = Transformer.Load(family == "stories260K" ? TestPaths.Stories260KHf : Path.Combine(TestPaths.Fixtures, family), threads: 2);
        var c = model.Config;
        var ids = Prompt.Select(i => i % c.Vocab).ToArray();
        var result = LogitLens.Run(model, ids, new LogitLensOptions(TopK: 5, Track: true));

        // Reference: every layer's full [T, V] distribution at once, top-k by a full sort.
        var cache = new ActivationCache(HookPoints.ResidPost);
        model.Forward(ids, cache, LogitsScope.None);
        var full = Enumerable.Range(0, c.Layers).Select(l =>
        {
            var logits = new float[ids.Length * c.Vocab];
            model.Unembed(cache[HookNames.ResidPost(l)], logits);
            return Enumerable.Range(0, ids.Length).Select(t => Softmax(logits.AsSpan(t * c.Vocab, c.Vocab))).ToArray();
        }).ToArray();

        for (var t = 0; t < ids.Length; t++)
        {
            var expectedSet = Enumerable.Range(0, c.Layers)
                .SelectMany(l => full[l][t].Select((p, id) => (p, id)).OrderByDescending(x => x.p).ThenBy(x => x.id).Take(5).Select(x => x.id))
                .Distinct().Order().ToArray();
            Assert.Equal(expectedSet, result.TrackedIds![t]);
            foreach (var id in expectedSet)
            {
                var trajectory = result.Trajectory(t, id);
                for (var l = 0; l < c.Layers; l++)
                    Assert.True(Math.Abs(trajectory[l] - full[l][t][id]) <= 1e-6, $"position {t} token {id} layer {l}: {trajectory[l]} vs recomputed {full[l][t][id]}");
            }
            for (var l = 0; l < c.Layers; l++)
            {
                var cell = result.Cell(l, t);
                var h = -full[l][t].Where(p => p > 0).Sum(p => p * Math.Log(p));
                Assert.True(Math.Abs(result.Entropy[cell] - h) <= 1e-4, $"entropy at layer {l} position {t}: {result.Entropy[cell]} vs {h}");
                if (t + 1 < ids.Length)
                {
                    var next = ids[t + 1];
                    var rank = full[l][t].Count(p => p > full[l][t][next]);
                    Assert.Equal(rank, result.NextRank[cell]);
                    Assert.True(Math.Abs(result.NextProb[cell] - full[l][t][next]) <= 1e-6);
                }
                else Assert.Equal(-1, result.NextRank[cell]);
            }
        }
    }

    [Fact]
    public void LayerSubsetReturnsExactlyThoseLayersInTheOrderGiven()
    {
        using var model = Transformer.Load(TestPaths.Stories260KHf, threads: 2);
        var all = LogitLens.Run(model, Prompt, new LogitLensOptions(TopK: 3));
        int[] subset = [4, 0, 2];
        var part = LogitLens.Run(model, Prompt, new LogitLensOptions(TopK: 3, Layers: subset, Track: true));

        Assert.Equal(subset, part.Layers);
        Assert.Equal(subset.Length * Prompt.Length * 3, part.TopIds.Length);
        var cells = Prompt.Length * 3;
        for (var a = 0; a < subset.Length; a++)
        {
            Assert.Equal(all.TopIds.AsSpan(subset[a] * cells, cells).ToArray(), part.TopIds.AsSpan(a * cells, cells).ToArray());
            Assert.Equal(all.TopProbs.AsSpan(subset[a] * cells, cells).ToArray(), part.TopProbs.AsSpan(a * cells, cells).ToArray());
        }
        Assert.All(part.TrackedProbs!, (p, t) => Assert.Equal(subset.Length * part.TrackedIds![t].Length, p.Length));
    }

    [Theory]
    [InlineData(new[] { 5 })]
    [InlineData(new[] { -1 })]
    [InlineData(new[] { 1, 1 })]
    public void RejectsLayersOutsideTheModelOrRepeated(int[] layers)
    {
        using var model = Transformer.Load(TestPaths.Stories260KHf, threads: 2);
        Assert.Throws<ArgumentException>(() => LogitLens.Run(model, Prompt, new LogitLensOptions(Layers: layers)));
    }

    [Fact]
    public void BinaryFormRoundTripsAndIsSmallerThanTheWidgetJson()
    {
        using var model = Transformer.Load(TestPaths.Stories260KHf, threads: 2);
        var result = LogitLens.Run(model, Prompt, new LogitLensOptions(TopK: 5, Track: true));
        using var stream = new MemoryStream();
        var written = LogitLensBinary.Write(stream, result);
        Assert.Equal(stream.Length, written);
        Assert.Equal(LogitLensBinary.HeaderBytes + LogitLensBinary.PayloadBytes(result), stream.Length);

        stream.Position = 0;
        var back = LogitLensBinary.Read(stream);
        Assert.Equal(result.Layers, back.Layers);
        Assert.Equal(result.InputIds, back.InputIds);
        Assert.Equal(result.TopIds, back.TopIds);
        Assert.Equal(result.NextRank, back.NextRank);
        Assert.Equal(result.TrackedIds!.SelectMany(x => x), back.TrackedIds!.SelectMany(x => x));
        // fp16 keeps 11 significant bits: relative error ≤ 2^-11.
        Assert.All(result.TopProbs.Zip(back.TopProbs), p => Assert.True(Math.Abs(p.First - p.Second) <= p.First / 2048 + 6e-8));
        Assert.All(result.TrackedProbs!.SelectMany(x => x).Zip(back.TrackedProbs!.SelectMany(x => x)), p => Assert.True(Math.Abs(p.First - p.Second) <= p.First / 2048 + 6e-8));

        var json = LogitLensWidgetJson.ByteCount(result, id => id.ToString());
        Assert.True(json >= 4 * stream.Length, $"widget JSON {json} bytes vs binary {stream.Length}");
    }

    [Fact]
    public void WidgetJsonHasACellPerPositionAndLayerWithTrajectories()
    {
        using var model = Transformer.Load(TestPaths.Stories260KHf, threads: 2);
        int[] layers = [1, 3];
        var result = LogitLens.Run(model, Prompt[..6], new LogitLensOptions(TopK: 2, Layers: layers, Track: true));
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer)) LogitLensWidgetJson.Write(w, result, id => $"<{id}>");
        var root = JsonDocument.Parse(buffer.ToArray()).RootElement;

        Assert.Equal(Prompt[..6].Select(id => $"<{id}>"), root.GetProperty("tokens").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(layers, root.GetProperty("layers").EnumerateArray().Select(e => e.GetInt32()));
        var cells = root.GetProperty("cells");
        Assert.Equal(6, cells.GetArrayLength());
        for (var t = 0; t < 6; t++)
        {
            Assert.Equal(2, cells[t].GetArrayLength());
            for (var a = 0; a < 2; a++)
            {
                var cell = cells[t][a];
                var top = cell.GetProperty("topk");
                Assert.Equal(2, top.GetArrayLength());
                Assert.Equal(top[0].GetProperty("token").GetString(), cell.GetProperty("token").GetString());
                var id = top[1].GetProperty("id").GetInt32();
                Assert.Equal(result.TopIds[result.Cell(a, t) * 2 + 1], id);
                Assert.Equal(result.Trajectory(t, id), top[1].GetProperty("trajectory").EnumerateArray().Select(e => e.GetSingle()));
            }
        }
    }

    private static double[] Softmax(ReadOnlySpan<float> logits)
    {
        double max = double.NegativeInfinity;
        foreach (var v in logits) max = Math.Max(max, v);
        var e = new double[logits.Length];
        for (var i = 0; i < e.Length; i++) e[i] = Math.Exp(logits[i] - max);
        var sum = e.Sum();
        return e.Select(x => x / sum).ToArray();
    }
}
