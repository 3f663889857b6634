using Lens.Tests;
using Lens.Engine.Hooks;
using Lens.Engine.Inference;

namespace Lens.Analyses.Tests;

public sealed class ResearchCaptureTests
{
    private static readonly int[] Prompt = [1, 403, 407, 261, 378, 429, 267, 297];

    [Theory]
    [InlineData(CaptureDetail.Summary, new[] { "head_label", "k_eff", "metrics", "prompt/k_eff", "prompt/metrics" })]
    [InlineData(CaptureDetail.AttentionOnly, new[] { "attention", "head_label", "k_eff", "metrics", "prompt/attention", "prompt/k_eff", "prompt/metrics" })]
    [InlineData(CaptureDetail.TopHeads, new[] { "attention", "head_label", "k_eff", "metrics", "prompt/attention", "prompt/k_eff", "prompt/metrics", "top_heads" })]
    [InlineData(CaptureDetail.Full, new[] { "attention", "head_label", "k_eff", "metrics", "prompt/attention", "prompt/k_eff", "prompt/metrics", "prompt/qkv", "qkv" })]
    public void StoreFollowsZarrV2AndHoldsWhatTheDetailLevelNames(CaptureDetail detail, string[] perLayer)
    {
        using var model = Transformer.Load(TestPaths.Stories260KHf, threads: 2);
        var store = Path.Combine(TestPaths.TempFolder("zarr"), "capture.zarr");
        var result = ResearchCapture.Run(model, Prompt, new ResearchCaptureOptions(6, detail, TopHeads: 3), store);

        var arrays = ZarrSpec.AssertStore(store);
        string[] perStep = ["alt_ids", "alt_probs", "positions", "query_counts", "tokens"];
        Assert.Equal(perLayer.Concat(perStep).Order(StringComparer.Ordinal), arrays);
        Assert.Equal(ZarrGroup.Size(store), result.StoreBytes);
        var greedy = model.Generate(Prompt, new GenerationOptions { MaxNewTokens = 6 }).Ids;
        Assert.Equal(greedy, result.Tokens);
        Assert.Equal(greedy, ResearchStore.Open(store).Tokens);
    }

    [Fact]
    public void ReaderReturnsTheAttentionOfEachStepAndLayer()
    {
        using var model = Transformer.Load(TestPaths.Stories260KHf, threads: 2);
        var store = Path.Combine(TestPaths.TempFolder("zarr"), "capture.zarr");
        var result = ResearchCapture.Run(model, Prompt, new ResearchCaptureOptions(4, CaptureDetail.Full), store);
        var reader = ResearchStore.Open(store);

        // Reference: the same greedy sequence in one teacher-forced pass; step s's queries are rows of that pattern.
        var sequence = Prompt.Concat(result.Tokens[..^1]).ToArray();
        var cache = new ActivationCache(HookPoints.Pattern | HookPoints.Query | HookPoints.Key | HookPoints.Value);
        model.Forward(sequence, cache, LogitsScope.None);
        var n = sequence.Length;
        var c = model.Config;
        for (var step = 0; step < result.Steps; step++)
            for (var layer = 0; layer < c.Layers; layer++)
            {
                var slice = reader.Attention(step, layer);
                var first = step == 0 ? 0 : Prompt.Length + step - 1;
                Assert.Equal(step == 0 ? Prompt.Length : 1, slice.Queries);
                Assert.Equal(first + slice.Queries, slice.Keys);
                var pattern = cache[HookNames.Pattern(layer)];
                for (var h = 0; h < c.Heads; h++)
                    for (var i = 0; i < slice.Queries; i++)
                        for (var k = 0; k < slice.Keys; k++)
                        {
                            var expected = pattern[(h * n + first + i) * n + k];
                            Assert.True(Math.Abs(slice[h, i, k] - expected) <= 1e-3 * expected + 1e-4, $"step {step} layer {layer} head {h} query {i} key {k}: {slice[h, i, k]} vs {expected}");
                        }
                // Q/K/V: per query position, the query heads, then the key heads, then the value heads (float16).
                var qkv = reader.Qkv(step, layer);
                var width = c.QueryWidth + 2 * c.KvWidth;
                Assert.Equal(slice.Queries * width, qkv.Length);
                for (var i = 0; i < slice.Queries; i++)
                {
                    var expected = cache[HookNames.Query(layer)].AsSpan((first + i) * c.QueryWidth, c.QueryWidth).ToArray()
                        .Concat(cache[HookNames.Key(layer)].AsSpan((first + i) * c.KvWidth, c.KvWidth).ToArray())
                        .Concat(cache[HookNames.Value(layer)].AsSpan((first + i) * c.KvWidth, c.KvWidth).ToArray()).ToArray();
                    for (var j = 0; j < width; j++)
                        Assert.True(Math.Abs(qkv[i * width + j] - expected[j]) <= 1e-3 * Math.Abs(expected[j]) + 1e-4, $"step {step} layer {layer} query {i} qkv {j}: {qkv[i * width + j]} vs {expected[j]}");
                }
                Assert.Equal(c.Heads, reader.Labels(step, layer).Length);
                var entropy = reader.Metric("attn_entropy", step, layer);
                var keff = reader.Metric("k_eff", step, layer);
                for (var h = 0; h < c.Heads; h++)
                {
                    var row = pattern.AsSpan((h * n + first) * n, first + 1);
                    var h0 = AttentionMetrics.Entropy(row);
                    Assert.True(Math.Abs(entropy[h * slice.Queries] - h0) <= 1e-3 * h0 + 1e-6, $"entropy {entropy[h * slice.Queries]} vs {h0}"); // float16
                    Assert.Equal(AttentionMetrics.KEff(row), keff[h * slice.Queries]);
                }
            }
    }

    [Theory]
    [InlineData("\"filters\":[{\"id\":\"delta\",\"dtype\":\"<f2\"}]", "zarr filters other than one 'shuffle' are not supported")]
    [InlineData("\"filters\":[{\"id\":\"shuffle\",\"elementsize\":4}]", "shuffle elementsize 4 differs from the item size 2")]
    [InlineData("\"compressor\":{\"id\":\"blosc\",\"cname\":\"zstd\"}", "zarr compressor 'blosc' is not supported (zlib only)")]
    [InlineData("\"order\":\"F\"", "only C-ordered zarr arrays are supported")]
    public void ReaderRefusesArraysItCannotDecodeAndSaysWhy(string replacement, string message)
    {
        var path = Path.Combine(TestPaths.TempFolder("zarr"), "foreign");
        var array = ZarrArray.Create(path, new ZarrMetadata([3], [3], "<f2", 9));
        array.WriteChunk([0], [1f, 2f, 0.5f]);
        var meta = Path.Combine(path, ".zarray");
        var key = replacement[..(replacement.IndexOf(':') + 1)];
        var text = File.ReadAllText(meta);
        var start = text.IndexOf(key, StringComparison.Ordinal);
        var end = key.Contains("filters") ? text.IndexOf(']', start) + 1 : key.Contains("compressor") ? text.IndexOf('}', start) + 1 : text.IndexOf(',', start);
        File.WriteAllText(meta, text[..start] + replacement + text[end..]); // as another zarr writer would have written it
        var e = Assert.Throws<InvalidDataException>(() => ZarrArray.Open(path));
        Assert.Contains(message, e.Message);
        Assert.StartsWith(meta, e.Message);
    }

    [Fact]
    public void ShuffledChunksHoldTheItemsFirstBytesThenTheirSecondBytes()
    {
        // numcodecs Shuffle(elementsize=2) then Zlib: zarr-python reads the chunk as zlib-decompress, then unshuffle.
        var path = Path.Combine(TestPaths.TempFolder("zarr"), "shuffled");
        var array = ZarrArray.Create(path, new ZarrMetadata([3], [3], "<f2", 9));
        array.WriteChunk([0], [1f, 2f, 0.5f]); // float16 0x3C00, 0x4000, 0x3800, little-endian
        Assert.Contains("\"filters\":[{\"id\":\"shuffle\",\"elementsize\":2}]", File.ReadAllText(Path.Combine(path, ".zarray")));
        using (var z = new System.IO.Compression.ZLibStream(File.OpenRead(Path.Combine(path, "0")), System.IO.Compression.CompressionMode.Decompress))
        using (var raw = new MemoryStream())
        {
            z.CopyTo(raw);
            Assert.Equal(new byte[] { 0x00, 0x00, 0x00, 0x3C, 0x40, 0x38 }, raw.ToArray());
        }
        Assert.Equal(new byte[] { 0x00, 0x3C, 0x00, 0x40, 0x00, 0x38 }, ZarrSpec.DecodeChunk(Path.Combine(path, "0"), 2));
        Assert.Equal([1f, 2f, 0.5f], ZarrArray.Open(path).ReadChunk([0]));
        ZarrSpec.AssertArray(path);
    }

    [Fact]
    public void TopHeadsAreTheMostFocusedHeadsOfEachLayer()
    {
        using var model = Transformer.Load(TestPaths.Stories260KHf, threads: 2);
        var store = Path.Combine(TestPaths.TempFolder("zarr"), "capture.zarr");
        ResearchCapture.Run(model, Prompt, new ResearchCaptureOptions(3, CaptureDetail.TopHeads, TopHeads: 2), store);
        var all = Path.Combine(TestPaths.TempFolder("zarr"), "all.zarr");
        ResearchCapture.Run(model, Prompt, new ResearchCaptureOptions(3, CaptureDetail.AttentionOnly), all);
        var top = ResearchStore.Open(store);
        var full = ResearchStore.Open(all);
        for (var step = 0; step < 3; step++)
            for (var layer = 0; layer < model.Config.Layers; layer++)
            {
                var everything = full.Attention(step, layer);
                var focus = Enumerable.Range(0, model.Config.Heads)
                    .Select(h => HeadPatterns.Focus(everything.Weights.AsSpan(h * everything.Queries * everything.Keys, everything.Queries * everything.Keys), everything.Queries, everything.Keys, everything.Keys - everything.Queries))
                    .ToArray();
                var chosen = top.Attention(step, layer);
                Assert.Equal(2, chosen.Heads.Length);
                var threshold = focus.OrderDescending().ElementAt(1);
                Assert.All(chosen.Heads, h => Assert.True(focus[h] >= threshold - 1e-3, $"head {h} focus {focus[h]} below the second best {threshold}"));
            }
    }

    [Fact]
    public void FullCaptureIsSeveralTimesSmallerThanTheSameDataAsJson()
    {
        using var model = Transformer.Load(TestPaths.Stories260KHf, threads: 2);
        var store = Path.Combine(TestPaths.TempFolder("zarr"), "capture.zarr");
        var result = ResearchCapture.Run(model, Prompt, new ResearchCaptureOptions(8, CaptureDetail.Full), store);
        // fp16 alone halves float32, and JSON text takes over twice the bytes of float32: 4× is the floor for this short run
        // (8-token prompt, 8 steps: about 5.2× today); longer runs reach more (about 9.7× at 200 new tokens).
        Assert.True(result.JsonBytes >= 4 * result.StoreBytes, $"store {result.StoreBytes} bytes, JSON {result.JsonBytes} bytes");
    }

    [Theory]
    [InlineData(new[] { 0f, 1f, 0f, 0f, 0f, 0f, 1f, 0f }, HeadPattern.PreviousToken)]
    [InlineData(new[] { 1f, 0f, 0f, 0f, 1f, 0f, 0f, 0f }, HeadPattern.FirstToken)]
    [InlineData(new[] { 0f, 0f, 1f, 0f, 0f, 0f, 0f, 1f }, HeadPattern.Self)]
    [InlineData(new[] { 0.3f, 0.3f, 0.4f, 0f, 0.25f, 0.25f, 0.25f, 0.25f }, HeadPattern.Broad)]
    public void HeadPatternsAreLabelledByTheirDominantKey(float[] rows, HeadPattern expected) =>
        // Two queries at positions 2 and 3 over 4 keys.
        Assert.Equal(expected, HeadPatterns.Classify(rows, 2, 4, 2));
}
