using Lens.Analyses;
using Lens.Engine.Hooks;
using Lens.Engine.Inference;
using Lens.Grains.Models.Inspection;
using Lens.Grains.Models.Serving;
using Lens.Tests;

namespace Lens.Product.Tests;

public sealed class AttentionTableTests
{
    [Fact]
    public void TableRowsAreTheEnginesPatternRowsOfEachQuery()
    {
        using var model = Transformer.Load(TestPaths.Stories260KHf, threads: 1);
        var ids = Enumerable.Range(0, 40).Select(i => 1 + (i * 37) % 500).ToArray();
        var table = AttentionTable.Build(model, ids);
        int[] layers = [0, 4];
        foreach (var position in new[] { 0, 7, 39 })
        {
            var reference = new ActivationCache(HookPoints.Pattern | HookPoints.Query);
            model.Forward(ids[..(position + 1)], reference, LogitsScope.None);
            var rows = table.Rows(position, layers);
            var measured = AttentionRowCapture.Measure(model, ids[..(position + 1)], layers);
            for (var a = 0; a < layers.Length; a++)
            {
                var pattern = reference[HookNames.Pattern(layers[a])]; // [H, T, K], T = K = position + 1
                var query = reference[HookNames.Query(layers[a])];    // [T, H, hd]
                for (var head = 0; head < model.Config.Heads; head++)
                {
                    var expected = pattern.AsSpan((head * (position + 1) + position) * (position + 1), position + 1).ToArray();
                    var row = rows[a].Heads[head];
                    Assert.Equal(position + 1, row.Weights.Length);
                    for (var k = 0; k <= position; k++) Assert.Equal(expected[k], row.Weights[k], 1e-3f); // fp16 in the table
                    var norm = AttentionMetrics.Norm(query.AsSpan((position * model.Config.Heads + head) * model.Config.HeadDim, model.Config.HeadDim));
                    Assert.Equal(norm, row.QNorm, 1e-4);
                    Assert.Equal(expected, measured[a].Heads[head].Weights); // the per-click pass is exact
                    Assert.Equal(AttentionMetrics.KEff(expected), measured[a].Heads[head].KEff);
                }
            }
        }
    }

    [Fact]
    public void FairQueueTakesUsersInTurn()
    {
        var queue = new FairQueue<string>();
        foreach (var (user, item) in new[] { ("ann", "a1"), ("ann", "a2"), ("ann", "a3"), ("ben", "b1"), ("cy", "c1"), ("ben", "b2") }) queue.Enqueue(user, item);
        queue.RemoveWhere(x => x == "a3");
        var order = new List<string>();
        while (queue.TryDequeue(out var item)) order.Add(item);
        Assert.Equal(["a1", "b1", "c1", "a2", "b2"], order);
        Assert.Equal(0, queue.Count);
    }
}
