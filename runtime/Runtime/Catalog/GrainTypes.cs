using System.Reflection;

namespace Lens.Runtime.Catalog;

/// <summary>The grain classes this silo can activate, by grain type name.</summary>
internal sealed class GrainTypes
{
    private readonly Dictionary<string, GrainClass> _classes = new(StringComparer.Ordinal);

    public GrainTypes(IEnumerable<Assembly> assemblies)
    {
        // The runtime's own system grains (management) are always available.
        foreach (var type in assemblies.Append(typeof(GrainTypes).Assembly).Distinct().SelectMany(SafeTypes))
        {
            if (!type.IsClass || type.IsAbstract || !typeof(Grain).IsAssignableFrom(type)) continue;
            var grainInterface = type.GetInterfaces().FirstOrDefault(i => i != typeof(IRemindable) && typeof(IGrain).IsAssignableFrom(i)
                && i != typeof(IGrain) && i != typeof(IGrainWithStringKey) && i != typeof(IGrainWithGuidKey) && i != typeof(IGrainWithIntegerKey)
                && !type.GetInterfaces().Any(other => other != i && i.IsAssignableFrom(other) && other != typeof(IRemindable)));
            if (grainInterface is null) continue;
            var info = GrainInterface.For(grainInterface);
            var remindable = typeof(IRemindable).IsAssignableFrom(type) ? AddRemindable(info) : info;
            if (!_classes.TryAdd(info.TypeName, new GrainClass(type, remindable)))
                throw new InvalidOperationException($"Grain type '{info.TypeName}' is implemented by both {_classes[info.TypeName].Type.FullName} and {type.FullName}.");
        }
    }

    public IEnumerable<GrainClass> All => _classes.Values;

    public bool TryGet(string typeName, out GrainClass grainClass) => _classes.TryGetValue(typeName, out grainClass!);

    private static GrainInterface AddRemindable(GrainInterface info) => info.Methods.ContainsKey(nameof(IRemindable.ReceiveReminder))
        ? info
        : throw new InvalidOperationException($"{info.Type.Name}: a remindable grain's interface must extend IRemindable.");

    private static IEnumerable<Type> SafeTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            return ex.Types.OfType<Type>();
        }
    }
}
