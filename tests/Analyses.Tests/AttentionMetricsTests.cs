namespace Lens.Analyses.Tests;

public sealed class AttentionMetricsTests
{
    [Fact]
    public void EntropyOfAHandWorkedRowIgnoresZeros()
    {
        float[] row = [0.5f, 0.25f, 0.25f, 0f];
        var expected = -(0.5 * Math.Log(0.5) + 2 * 0.25 * Math.Log(0.25));
        Assert.Equal(expected, AttentionMetrics.Entropy(row), 6);
        Assert.Equal(0.0, AttentionMetrics.Entropy([1f]));
    }

    [Fact]
    public void MaxIsTheLargestWeight() => Assert.Equal(0.6f, AttentionMetrics.Max([0.1f, 0.6f, 0.3f]));

    [Theory]
    [InlineData(new[] { 0.5f, 0.3f, 0.15f, 0.05f }, 0.9, 3)]
    [InlineData(new[] { 0.05f, 0.15f, 0.3f, 0.5f }, 0.9, 3)]
    [InlineData(new[] { 0.95f, 0.05f }, 0.9, 1)]
    [InlineData(new[] { 0.25f, 0.25f, 0.25f, 0.25f }, 0.9, 4)]
    [InlineData(new[] { 0.25f, 0.25f, 0.25f, 0.25f }, 0.5, 2)]
    [InlineData(new[] { 1f, 0f, 0f }, 0.9, 1)]
    public void KEffIsTheFewestKeysReachingTheThreshold(float[] row, double threshold, int expected) =>
        Assert.Equal(expected, AttentionMetrics.KEff(row, threshold));

    [Fact]
    public void KEffHandlesRowsLongerThanTheStackBuffer()
    {
        var row = Enumerable.Repeat(1f / 1000, 1000).ToArray();
        Assert.InRange(AttentionMetrics.KEff(row, 0.9), 899, 901);
    }

    [Fact]
    public void NormIsTheEuclideanLength() => Assert.Equal(5.0, AttentionMetrics.Norm([3f, 4f]), 12);
}
