using Lens.Tests;
using Lens.Engine.Hooks;
using Lens.Engine.Inference;

namespace Lens.Analyses.Tests;

public sealed class ResidualStreamTests
{
    [Fact]
    public void LastPositionGivesOneRowPerPromptInPromptOrder()
    {
        using var model = Transformer.Load(TestPaths.Stories260KHf, threads: 2);
        List<int[]> prompts = [[1, 403, 407], [1, 261], [1, 378, 429, 267, 297], [1]];
        var d = model.Config.Hidden;
        var rows = new List<float[]>();
        var batches = new List<(int First, int Prompts, int Rows)>();
        ResidualStream.Read(model, prompts, [2], batchSize: 3, b =>
        {
            batches.Add((b.FirstPrompt, b.Prompts, b.Rows));
            rows.AddRange(b.ByLayer[2].Chunk(d));
        });
        Assert.Equal([(0, 3, 3), (3, 1, 1)], batches);
        for (var i = 0; i < prompts.Count; i++)
        {
            var cache = new ActivationCache(HookPoints.ResidPost);
            model.Forward(prompts[i], cache, LogitsScope.None);
            var expected = cache[HookNames.ResidPost(2)][^d..];
            Assert.All(expected.Zip(rows[i]), p => Assert.True(Math.Abs(p.First - p.Second) <= 1e-4, $"prompt {i}: {p.First} vs {p.Second}"));
        }
    }

    [Fact]
    public void InterventionRunsBeforeTheCapture()
    {
        using var model = Transformer.Load(TestPaths.Stories260KHf, threads: 2);
        var direction = Enumerable.Range(0, model.Config.Hidden).Select(i => (float)(i % 5 - 2)).ToArray();
        var unit = direction.Select(x => x / MathF.Sqrt(direction.Sum(v => v * v))).ToArray();
        ResidualStream.Read(model, [[1, 403, 407, 261]], [0, 3], 1, b =>
        {
            foreach (var row in b.ByLayer.Values.SelectMany(r => r.Chunk(model.Config.Hidden)))
                Assert.True(Math.Abs(row.Zip(unit, (x, y) => (double)x * y).Sum()) < 1e-4);
        }, ResidualPositions.All, new DirectionalAblation(direction));
    }

    [Fact]
    public void LayersOutsideTheModelAreRejected()
    {
        using var model = Transformer.Load(TestPaths.Stories260KHf, threads: 2);
        Assert.Throws<ArgumentException>(() => ResidualStream.Read(model, [[1, 2]], [5], 1, _ => { }));
    }
}
