namespace Lens.Analyses.Tests;

public sealed class VocabularyDistributionTests
{
    [Fact]
    public void TopKIsSortedDescendingAndBreaksTiesTowardsTheLowerId()
    {
        float[] values = [0.1f, 0.3f, 0.2f, 0.3f, 0.05f, 0.35f];
        var ids = new int[4];
        var top = new float[4];
        VocabularyDistribution.TopK(values, ids, top);
        Assert.Equal([5, 1, 3, 2], ids);
        Assert.Equal([0.35f, 0.3f, 0.3f, 0.2f], top);
    }

    [Fact]
    public void SoftmaxSumsToOneAndMatchesTheDefinition()
    {
        float[] logits = [1f, 2f, 3f];
        VocabularyDistribution.SoftmaxInPlace(logits);
        var z = Math.Exp(1) + Math.Exp(2) + Math.Exp(3);
        Assert.Equal(Math.Exp(2) / z, logits[1], 6);
        Assert.Equal(1.0, logits.Sum(x => (double)x), 6);
    }

    [Fact]
    public void RankCountsMoreProbableTokensAndEqualOnesWithLowerIds()
    {
        float[] probs = [0.2f, 0.4f, 0.2f, 0.2f];
        Assert.Equal(0, VocabularyDistribution.Rank(probs, 1));
        Assert.Equal(1, VocabularyDistribution.Rank(probs, 0));
        Assert.Equal(3, VocabularyDistribution.Rank(probs, 3));
    }
}
