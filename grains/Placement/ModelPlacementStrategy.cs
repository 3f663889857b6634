namespace Lens.Grains.Placement;

/// <summary>The strategy <see cref="ModelPlacementAttribute"/> selects; carries no data (the model is in the key).</summary>
[GenerateSerializer, Immutable]
public sealed class ModelPlacementStrategy : PlacementStrategy
{
    /// <summary>The one instance.</summary>
    public static ModelPlacementStrategy Instance { get; } = new();
}
