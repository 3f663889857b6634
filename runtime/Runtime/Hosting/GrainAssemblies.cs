using System.Reflection;

namespace Lens.Runtime.Hosting;

/// <summary>Finds assemblies that may hold grain classes: the entry assembly and what it references, transitively.</summary>
public static class GrainAssemblies
{
    /// <summary>Assemblies referencing Lens.Runtime.Abstractions, starting from the entry assembly.</summary>
    public static IEnumerable<Assembly> FromEntryAssembly()
    {
        var abstractions = typeof(Grain).Assembly.GetName().Name;
        var seen = new HashSet<string>();
        var pending = new Stack<Assembly>();
        if (Assembly.GetEntryAssembly() is { } entry) pending.Push(entry);
        while (pending.TryPop(out var assembly))
        {
            if (!seen.Add(assembly.FullName!)) continue;
            var references = assembly.GetReferencedAssemblies();
            if (references.Any(r => r.Name == abstractions)) yield return assembly;
            foreach (var reference in references.Where(r => !r.Name!.StartsWith("System", StringComparison.Ordinal) && !r.Name.StartsWith("Microsoft", StringComparison.Ordinal)))
            {
                Assembly? loaded = null;
                try { loaded = Assembly.Load(reference); } catch (FileNotFoundException) { }
                if (loaded is not null) pending.Push(loaded);
            }
        }
    }
}
