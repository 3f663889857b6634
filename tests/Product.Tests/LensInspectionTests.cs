using Lens.Analyses;
using System.Text.Json;
using Lens.GrainInterfaces.Conversations;
using Lens.GrainInterfaces.Models;
using Lens.Tests;
using Xunit.Abstractions;

namespace Lens.Product.Tests;

[Collection(nameof(DefaultCluster))]
public sealed class LensInspectionTests(DefaultCluster fixture, ITestOutputHelper output)
{
    // Cached residuals are fp16 and were computed token by token; the CLI's are fp32 from one prefill.
    private const float ProbTolerance = 5e-3f;

    [Fact]
    public async Task ClickedTokenLensEqualsTheLensCommandOnTheSameIds()
    {
        var c = await Chats.Start(fixture.Grains, "alice");
        var (_, done) = await Chats.Turn(c, "alice", "Once upon a time, there was a little girl", maxNewTokens: 20);
        var clicked = done.ResponseStart + 5;

        var view = await c.Inspect("alice", new ActivationQuery(clicked, ContextSize: 15, TopK: 5));

        Assert.True(view.Lens.CacheHit, "generation should have cached every position");
        var ids = (await c.Get("alice")).Tokens.Select(t => t.Id).ToArray();
        var cli = LensCommand.LogitLens(ids, topK: 5);
        Assert.Equal(Enumerable.Range(clicked - 15, 16), view.Lens.Positions);
        Assert.Equal(view.Lens.Positions, view.Tokens.Select(t => t.Position));
        Assert.Equal(Enumerable.Range(0, 5), view.Lens.Layers);
        float maxProbDiff = 0, maxEntropyDiff = 0;
        for (var t = 0; t < view.Lens.Positions.Length; t++)
            for (var a = 0; a < view.Lens.Layers.Length; a++)
            {
                var position = view.Lens.Positions[t];
                var cell = view.Lens.Cells[t][a];
                var cliIds = cli.GetProperty("top_indices")[a][position].EnumerateArray().Select(x => x.GetInt32()).ToArray();
                var cliProbs = cli.GetProperty("top_probs")[a][position].EnumerateArray().Select(x => x.GetSingle()).ToArray();
                for (var j = 0; j < 5; j++)
                {
                    // Near-ties may swap order under fp16 rounding; the probability of each listed id must match.
                    var k = Array.IndexOf(cliIds, cell.TopK[j].Id);
                    if (k < 0) { Assert.True(cell.TopK[j].Prob < cliProbs[4] + ProbTolerance, $"id {cell.TopK[j].Id} at ({position}, {a}) is not in the CLI's top-5"); continue; }
                    maxProbDiff = Math.Max(maxProbDiff, Math.Abs(cell.TopK[j].Prob - cliProbs[k]));
                }
                if (cliProbs[0] - cliProbs[1] > 2 * ProbTolerance) Assert.Equal(cliIds[0], cell.Id);
                maxEntropyDiff = Math.Max(maxEntropyDiff, Math.Abs(view.Lens.Entropy[t][a] - cli.GetProperty("entropy")[a][position].GetSingle()));
                Assert.Equal(cli.GetProperty("next_rank")[a][position].GetInt32(), view.Lens.NextRank[t][a]);
                Assert.Equal(5, cell.TopK[0].Trajectory.Length);
                Assert.Equal(cell.Prob, cell.TopK[0].Trajectory[a]);
            }
        output.WriteLine($"max |Δprob| {maxProbDiff:g3}, max |Δentropy| {maxEntropyDiff:g3} over {view.Lens.Positions.Length}×5 cells");
        Assert.True(maxProbDiff < ProbTolerance, $"max |Δprob| {maxProbDiff} ≥ {ProbTolerance}");
        Assert.True(maxEntropyDiff < 2 * ProbTolerance, $"max |Δentropy| {maxEntropyDiff}");
    }

    [Fact]
    public async Task AttentionRowIsTheClickedQueryOverEveryEarlierKey()
    {
        var c = await Chats.Start(fixture.Grains, "alice");
        await Chats.Turn(c, "alice", "Once upon a time", maxNewTokens: 10);
        var view = await c.Inspect("alice", new ActivationQuery(7, ContextSize: 3, Layers: [4, 0], TopK: 3));

        Assert.Equal([4, 5, 6, 7], view.Lens.Positions);
        Assert.Equal([4, 0], view.Lens.Layers);
        Assert.Equal([4, 0], view.Lens.Attention.Select(a => a.Layer));
        foreach (var layer in view.Lens.Attention)
        {
            Assert.Equal(8, layer.Heads.Length);
            foreach (var head in layer.Heads)
            {
                Assert.Equal(8, head.Weights.Length);
                Assert.Equal(1.0, head.Weights.Sum(), 0.002); // weights are kept in fp16
                Assert.Equal(head.Weights.Max(), head.Max);
                Assert.InRange(head.KEff, 1, 8);
                Assert.True(head.QNorm > 0);
                Assert.True(head.Entropy >= 0 && head.Entropy <= Math.Log(8) + 1e-5);
            }
        }
        Assert.All(view.Lens.Cells, row => Assert.All(row, cell => Assert.Equal(3, cell.TopK.Length)));
    }

    [Fact]
    public async Task EvictedActivationsReadBackFromDiskWithTheSameValues()
    {
        var c = await Chats.Start(fixture.Grains, "dave");
        await Chats.Turn(c, "dave", "Once upon a time", maxNewTokens: 16);
        var id = c.GetPrimaryKey();
        var store = fixture.Served().Activations;
        var before = await c.Inspect("dave", new ActivationQuery(12));
        var entries = store.Status().Entries;

        await c.EvictCache("dave");

        Assert.Equal(entries - 1, store.Status().Entries);
        Assert.True(store.Status().DiskBytes > 0);
        var after = await c.Inspect("dave", new ActivationQuery(12));
        Assert.True(after.Lens.CacheHit, "the evicted conversation should read back from its file");
        Assert.Equal(Flatten(before.Lens), Flatten(after.Lens));

        // Without memory or file (another silo, a lost disk) the click recomputes the residuals in one pass.
        fixture.Served().Forget(id);
        var recomputed = await c.Inspect("dave", new ActivationQuery(12));
        Assert.False(recomputed.Lens.CacheHit);
        Assert.Equal(before.Lens.Cells.SelectMany(r => r.Select(x => x.Id)), recomputed.Lens.Cells.SelectMany(r => r.Select(x => x.Id)));
        Assert.All(Flatten(before.Lens).Zip(Flatten(recomputed.Lens)), p => Assert.True(Math.Abs(p.First - p.Second) < ProbTolerance, $"{p.First} vs {p.Second}"));
    }

    [Fact]
    public async Task AnAcknowledgedTurnsActivationsAreInItsFileWhenTheTurnIsAcknowledged()
    {
        // What a silo killed right after the acknowledgement leaves on disk: a copy of the file taken at that moment.
        var c = await Chats.Start(fixture.Grains, "erin");
        for (var turn = 0; turn < 3; turn++)
        {
            var (_, done) = await Chats.Turn(c, "erin", turn == 0 ? "Once upon a time" : "And then?", maxNewTokens: 30 + turn);
            var file = Directory.EnumerateFiles(fixture.ActivationDirectory, $"{c.GetPrimaryKey():N}{ResidualStreamStore.FileExtension}", SearchOption.AllDirectories).Single();
            var copy = Path.Combine(TestPaths.TempFolder("acknowledged"), Path.GetFileName(file));
            File.Copy(file, copy);
            using var stored = ResidualStreamFile.Open(copy, ResidualStreamShape.Of(fixture.Served().Model.Config), chunkPositions: 64);
            Assert.Equal(done.ResponseEnd, stored.Length);
            Assert.Equal(0, stored.DiscardedTailBytes);
        }
    }

    private static float[] Flatten(LensInspection lens) =>
        [.. lens.Cells.SelectMany(r => r.SelectMany(x => x.TopK.SelectMany(k => k.Trajectory.Prepend(k.Prob)))), .. lens.Entropy.SelectMany(r => r)];

}
