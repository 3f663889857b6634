namespace Lens.Tests;

/// <summary>Element-wise comparison that reports the worst element, so a failure says where and by how much.</summary>
public static class Compare
{
    public static double MaxAbsDiff(IReadOnlyList<double> expected, IReadOnlyList<float> actual, out int worst)
    {
        worst = -1;
        double max = 0;
        for (var i = 0; i < expected.Count; i++)
        {
            var d = Math.Abs(expected[i] - actual[i]);
            if (double.IsNaN(d) || d > max) { max = double.IsNaN(d) ? double.PositiveInfinity : d; worst = i; }
        }
        return max;
    }

    public static void Close(string what, IReadOnlyList<double> expected, IReadOnlyList<float> actual, double atol)
    {
        Assert.True(expected.Count == actual.Count, $"{what}: expected {expected.Count} values, got {actual.Count}");
        var max = MaxAbsDiff(expected, actual, out var worst);
        Assert.True(max <= atol, $"{what}: max|diff| {max:E3} > atol {atol:E1} at flat index {worst} (expected {(worst >= 0 ? expected[worst] : 0)}, got {(worst >= 0 ? actual[worst] : 0)})");
    }
}
