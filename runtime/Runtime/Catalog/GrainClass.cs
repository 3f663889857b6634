using System.Reflection;

namespace Lens.Runtime.Catalog;

/// <summary>A grain implementation class with its placement rules.</summary>
internal sealed class GrainClass
{
    public GrainClass(Type type, GrainInterface grainInterface)
    {
        Type = type;
        Interface = grainInterface;
        Capabilities = type.GetCustomAttributes<RequiresCapabilityAttribute>().Select(a => a.Capability).ToArray();
        PreferLocal = type.IsDefined(typeof(PreferLocalPlacementAttribute));
        CollectionAge = type.GetCustomAttribute<CollectionAgeAttribute>()?.Age;
    }

    public Type Type { get; }

    public GrainInterface Interface { get; }

    public string TypeName => Interface.TypeName;

    public IReadOnlyList<string> Capabilities { get; }

    public bool PreferLocal { get; }

    public TimeSpan? CollectionAge { get; }

    public bool CanRunOn(IReadOnlyList<string> siloCapabilities) => Capabilities.All(siloCapabilities.Contains);
}
