using Orleans.Runtime;

namespace Lens.Grains.Placement;

/// <summary>The strategy <see cref="ModelPlacementAttribute"/> selects; carries no data (the model is in the key).</summary>
[GenerateSerializer, Immutable]
public sealed class ModelPlacementStrategy : PlacementStrategy
{
    /// <summary>The one instance.</summary>
    public static ModelPlacementStrategy Instance { get; } = new();

    /// <summary>The model a grain key names: the key up to its first <c>#</c>.</summary>
    public static string ModelOf(string key)
    {
        var hash = key.IndexOf('#');
        return hash < 0 ? key : key[..hash];
    }
}
