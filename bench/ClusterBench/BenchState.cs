namespace Lens.Bench;

/// <summary>Folds events to a count, so replay cost stays flat.</summary>
public sealed class BenchState
{
    public long Count { get; set; }

    public void Apply(BenchEvent e) => Count++;
}
