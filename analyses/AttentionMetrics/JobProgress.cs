namespace Lens.Analyses;

/// <summary>Progress of a streaming job: samples written and skipped (already complete), rows, fraction of input, ETA.</summary>
public sealed record JobProgress(int Written, int Skipped, long Rows, double Fraction, TimeSpan Elapsed, TimeSpan? Eta)
{
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Rows / Elapsed.TotalSeconds : 0;

    public override string ToString() =>
        $"{Written} written, {Skipped} skipped, {Fraction * 100:0.0} %, {RowsPerSecond:0} rows/s, elapsed {Elapsed:hh\\:mm\\:ss}, ETA {(Eta is { } e ? e.ToString(@"hh\:mm\:ss") : "?")}";
}
