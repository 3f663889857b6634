namespace Lens.Runtime.Tests.Grains;

/// <summary>State folded from <see cref="ValueAppended"/> events.</summary>
public sealed class ValuesState
{
    public List<long> Values { get; set; } = [];

    public void Apply(ValueAppended e) => Values.Add(e.Value);
}
