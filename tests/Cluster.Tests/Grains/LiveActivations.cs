using System.Collections.Concurrent;

namespace Lens.Cluster.Tests.Grains;

/// <summary>
/// Live activations per grain, counted by the test grains themselves. In-process silos share this static, so it sees
/// every silo's activations (a killed silo's activations are never deactivated: tests read counts for live silos
/// through <see cref="OnSilo"/>).
/// </summary>
public static class LiveActivations
{
    private static readonly ConcurrentDictionary<(string Key, string Silo, Guid Activation), byte> Live = new();

    public static void Add(string key, string silo, Guid activation) => Live[(key, silo, activation)] = 0;

    public static void Remove(string key, string silo, Guid activation) => Live.TryRemove((key, silo, activation), out _);

    /// <summary>The activations of <paramref name="key"/> on the given silos.</summary>
    public static IReadOnlyList<(string Silo, Guid Activation)> Of(string key, IReadOnlySet<string> silos) =>
        Live.Keys.Where(k => k.Key == key && silos.Contains(k.Silo)).Select(k => (k.Silo, k.Activation)).ToList();

    /// <summary>How many activations of keys starting with <paramref name="prefix"/> live on <paramref name="silo"/>.</summary>
    public static int OnSilo(string silo, string prefix) => Live.Keys.Count(k => k.Silo == silo && k.Key.StartsWith(prefix, StringComparison.Ordinal));
}
