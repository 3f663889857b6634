using Lens.Analyses;
using Lens.GrainInterfaces.Models;

namespace Lens.Grains.Models.Inspection;

/// <summary>What the logit lens shows at one position, per shown layer.</summary>
internal sealed record LensColumn(LensCell[] Cells, float[] Entropy, int[] NextRank, float?[] NextProb)
{
    /// <summary>Rough bytes held, for the memo's bound.</summary>
    public long Bytes => Cells.Sum(c => 64L + c.TopK.Sum(k => 64L + 4L * k.Trajectory.Length + 2L * k.Token.Length));
}

/// <summary>
/// The logit lens at one position: its rows at every shown layer are unembedded together and kept as probabilities,
/// so each candidate's trajectory over the layers is read from the same pass (no second, tracking pass).
/// </summary>
internal sealed class LensGrid(Unembedding unembed, int hidden, int vocab, Func<int, string> tokenText)
{
    /// <param name="residuals">Per shown layer, [T·D]; the column is row <paramref name="row"/>.</param>
    /// <param name="next">The id that follows the position in the conversation, or -1 at its end.</param>
    public LensColumn Column(IReadOnlyList<float[]> residuals, int row, int next, int topK)
    {
        var a = residuals.Count;
        var rows = new float[a * hidden];
        var probs = new float[a * vocab];
        for (var l = 0; l < a; l++) residuals[l].AsSpan(row * hidden, hidden).CopyTo(rows.AsSpan(l * hidden));
        unembed(rows, probs);
        var column = new LensColumn(new LensCell[a], new float[a], new int[a], new float?[a]);
        var ids = new int[topK];
        var top = new float[topK];
        for (var l = 0; l < a; l++) VocabularyDistribution.SoftmaxInPlace(probs.AsSpan(l * vocab, vocab));
        for (var l = 0; l < a; l++)
        {
            var p = probs.AsSpan(l * vocab, vocab);
            VocabularyDistribution.TopK(p, ids, top);
            var candidates = new LensCandidate[topK];
            for (var j = 0; j < topK; j++)
            {
                var trajectory = new float[a];
                for (var m = 0; m < a; m++) trajectory[m] = probs[m * vocab + ids[j]];
                candidates[j] = new LensCandidate(tokenText(ids[j]), ids[j], top[j], trajectory);
            }
            column.Cells[l] = new LensCell(candidates[0].Token, candidates[0].Id, candidates[0].Prob, candidates);
            column.Entropy[l] = (float)VocabularyDistribution.Entropy(p);
            column.NextRank[l] = next < 0 ? -1 : VocabularyDistribution.Rank(p, next);
            column.NextProb[l] = next < 0 ? null : p[next];
        }
        return column;
    }
}
