namespace Lens.Analyses;

/// <summary>Directions in the residual stream that separate two prompt sets.</summary>
public static class Directions
{
    /// <summary>Unit vector along mean(A) − mean(B).</summary>
    public static float[] DifferenceOfMeans(ReadOnlySpan<double> meanA, ReadOnlySpan<double> meanB)
    {
        if (meanA.Length != meanB.Length) throw new ArgumentException("means of different dimensions");
        var diff = new double[meanA.Length];
        for (var i = 0; i < diff.Length; i++) diff[i] = meanA[i] - meanB[i];
        return Normalise(diff);
    }

    /// <summary>
    /// Contrastive PCA: the top <paramref name="count"/> eigenvectors (largest eigenvalue first) of Cov(A) − Cov(B),
    /// the directions along which A varies more than B. Power iteration with deflation on the difference shifted by a
    /// Gershgorin bound, which makes it positive semi-definite without changing its eigenvectors.
    /// </summary>
    public static (float[] Direction, double Eigenvalue)[] ContrastivePca(double[] covA, double[] covB, int dimension, int count, int iterations = 500, ulong seed = 1)
    {
        if (covA.Length != (long)dimension * dimension || covB.Length != covA.Length) throw new ArgumentException($"covariances must be {dimension}×{dimension}");
        if (count < 1 || count > dimension) throw new ArgumentException($"count must be in 1..{dimension}");
        var m = new double[covA.Length];
        for (var i = 0; i < m.Length; i++) m[i] = covA[i] - covB[i];
        double shift = 0;
        for (var i = 0; i < dimension; i++)
        {
            double s = 0;
            for (var j = 0; j < dimension; j++) s += Math.Abs(m[i * dimension + j]);
            shift = Math.Max(shift, s);
        }
        // Past the bound, so every shifted eigenvalue stays above the zeros that deflation leaves behind.
        shift = shift * 1.5 + 1e-12;
        for (var i = 0; i < dimension; i++) m[i * dimension + i] += shift;

        var result = new (float[], double)[count];
        var state = seed * 0x9E3779B97F4A7C15UL + 7;
        for (var c = 0; c < count; c++)
        {
            var v = new double[dimension];
            for (var i = 0; i < dimension; i++) { state ^= state << 13; state ^= state >> 7; state ^= state << 17; v[i] = (state >> 11) * (1.0 / (1UL << 53)) - 0.5; }
            NormaliseInPlace(v);
            var next = new double[dimension];
            double lambda = 0;
            for (var it = 0; it < iterations; it++)
            {
                MatVec(m, v, next, dimension);
                lambda = Dot(v, next);
                NormaliseInPlace(next);
                var change = 0.0;
                for (var i = 0; i < dimension; i++) change = Math.Max(change, Math.Abs(next[i] - v[i]));
                (v, next) = (next, v);
                if (change < 1e-12) break;
            }
            // Deflate: remove the found component so the next iteration converges to the following eigenvector.
            for (var i = 0; i < dimension; i++)
                for (var j = 0; j < dimension; j++) m[i * dimension + j] -= lambda * v[i] * v[j];
            result[c] = (v.Select(x => (float)x).ToArray(), lambda - shift);
        }
        return result;
    }

    private static void MatVec(double[] m, double[] v, double[] result, int d)
    {
        for (var i = 0; i < d; i++)
        {
            double s = 0;
            for (var j = 0; j < d; j++) s += m[i * d + j] * v[j];
            result[i] = s;
        }
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    private static void NormaliseInPlace(double[] v)
    {
        var n = Math.Sqrt(Dot(v, v));
        if (n == 0) throw new InvalidOperationException("power iteration collapsed to the zero vector");
        for (var i = 0; i < v.Length; i++) v[i] /= n;
    }

    private static float[] Normalise(double[] v)
    {
        var n = Math.Sqrt(Dot(v, v));
        if (n == 0) throw new InvalidOperationException("the two means are identical: there is no direction between them");
        return v.Select(x => (float)(x / n)).ToArray();
    }
}
