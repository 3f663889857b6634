namespace Lens.Analyses;

/// <summary>
/// Welford's running mean and covariance of D-dimensional rows, in double. Two accumulators merge exactly with
/// Chan et al.'s parallel formula, so batches (or workers) can be reduced in any grouping.
/// </summary>
public sealed class RunningMoments
{
    private readonly double[] _mean;
    // Sum of outer products of deviations (upper triangle used, [i·D + j] with j ≥ i); null tracks variances only.
    private readonly double[]? _m2;
    private readonly double[] _m2Diagonal;
    private readonly double[] _delta;

    public RunningMoments(int dimension, bool covariance = true)
    {
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension));
        Dimension = dimension;
        _mean = new double[dimension];
        _m2Diagonal = new double[dimension];
        _delta = new double[dimension];
        _m2 = covariance ? new double[(long)dimension * dimension] : null;
    }

    public int Dimension { get; }
    public long Count { get; private set; }
    public bool HasCovariance => _m2 is not null;
    public ReadOnlySpan<double> Mean => _mean;

    public void Add(ReadOnlySpan<float> row)
    {
        if (row.Length != Dimension) throw new ArgumentException($"row has {row.Length} values, expected {Dimension}");
        Count++;
        var n = Count;
        for (var i = 0; i < Dimension; i++)
        {
            _delta[i] = row[i] - _mean[i];
            _mean[i] += _delta[i] / n;
        }
        // (x − mean_old)(x − mean_new)ᵀ = δδᵀ·(n−1)/n keeps the update symmetric.
        var scale = (n - 1.0) / n;
        for (var i = 0; i < Dimension; i++)
        {
            var di = _delta[i] * scale;
            _m2Diagonal[i] += di * _delta[i];
            if (_m2 is null) continue;
            var rowOffset = (long)i * Dimension;
            for (var j = i; j < Dimension; j++) _m2[rowOffset + j] += di * _delta[j];
        }
    }

    /// <summary>Adds N rows laid out as [N·D].</summary>
    public void AddRows(ReadOnlySpan<float> rows)
    {
        if (rows.Length % Dimension != 0) throw new ArgumentException($"{rows.Length} values are not whole rows of {Dimension}");
        for (var at = 0; at < rows.Length; at += Dimension) Add(rows.Slice(at, Dimension));
    }

    /// <summary>Folds <paramref name="other"/> in (Chan's parallel update); <paramref name="other"/> is unchanged.</summary>
    public void Merge(RunningMoments other)
    {
        if (other.Dimension != Dimension || other.HasCovariance != HasCovariance) throw new ArgumentException("moments of different shapes cannot be merged");
        if (other.Count == 0) return;
        long na = Count, nb = other.Count, n = na + nb;
        for (var i = 0; i < Dimension; i++) _delta[i] = other._mean[i] - _mean[i];
        var weight = (double)na * nb / n;
        for (var i = 0; i < Dimension; i++)
        {
            _mean[i] += _delta[i] * nb / n;
            _m2Diagonal[i] += other._m2Diagonal[i] + _delta[i] * _delta[i] * weight;
            if (_m2 is null) continue;
            var rowOffset = (long)i * Dimension;
            for (var j = i; j < Dimension; j++) _m2[rowOffset + j] += other._m2![rowOffset + j] + _delta[i] * _delta[j] * weight;
        }
        Count = n;
    }

    /// <summary>Per-dimension variance; <paramref name="sample"/> divides by n − 1, otherwise by n.</summary>
    public double[] Variance(bool sample = true)
    {
        var d = Denominator(sample);
        return _m2Diagonal.Select(v => v / d).ToArray();
    }

    /// <summary>Full covariance matrix [D·D] (symmetric).</summary>
    public double[] Covariance(bool sample = true)
    {
        if (_m2 is null) throw new InvalidOperationException("these moments track variances only");
        var d = Denominator(sample);
        var result = new double[_m2.Length];
        for (var i = 0; i < Dimension; i++)
            for (var j = i; j < Dimension; j++)
                result[(long)i * Dimension + j] = result[(long)j * Dimension + i] = _m2[(long)i * Dimension + j] / d;
        return result;
    }

    private double Denominator(bool sample)
    {
        var d = sample ? Count - 1 : Count;
        if (d <= 0) throw new InvalidOperationException($"{Count} rows are too few for a {(sample ? "sample" : "population")} (co)variance");
        return d;
    }
}
