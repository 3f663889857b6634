using System.Collections.Concurrent;
using System.Reflection;

namespace Lens.Runtime.Catalog;

/// <summary>A grain interface: its grain type name and methods by name (overloads are rejected).</summary>
internal sealed class GrainInterface
{
    private static readonly ConcurrentDictionary<Type, GrainInterface> s_cache = new();

    private GrainInterface(Type type)
    {
        Type = type;
        TypeName = NameOf(type);
        var methods = new Dictionary<string, GrainMethod>();
        foreach (var method in new[] { type }.Concat(type.GetInterfaces()).Where(i => i != typeof(IGrain) && typeof(IGrain).IsAssignableFrom(i)).SelectMany(i => i.GetMethods()))
        {
            if (!methods.TryAdd(method.Name, new GrainMethod(method)))
                throw new NotSupportedException($"Grain interface {type.Name} has two methods named {method.Name}; grain methods are addressed by name.");
        }
        Methods = methods;
    }

    public Type Type { get; }

    public string TypeName { get; }

    public IReadOnlyDictionary<string, GrainMethod> Methods { get; }

    public static GrainInterface For(Type type) => s_cache.GetOrAdd(type, static t => new GrainInterface(t));

    public static string NameOf(Type type)
    {
        if (type.GetCustomAttribute<GrainTypeAttribute>() is { } attribute) return attribute.Name;
        var name = type.Name;
        if (name.Length > 1 && name[0] == 'I' && char.IsUpper(name[1])) name = name[1..];
        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > 5) name = name[..^5];
        return name.ToLowerInvariant();
    }
}
