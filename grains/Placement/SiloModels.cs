using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Lens.Grains.Placement;

/// <summary>How a silo advertises the models it holds: one silo-metadata entry, the names separated by <c>;</c>.</summary>
public static class SiloModels
{
    /// <summary>The silo-metadata key.</summary>
    public const string MetadataKey = "lens.models";

    /// <summary>The metadata value for these model names (LENS_MODELS names never contain <c>;</c>).</summary>
    public static string Encode(IEnumerable<string> models) => string.Join(';', models);

    /// <summary>The model names a silo advertises; none when its metadata is not known (yet).</summary>
    public static IReadOnlyList<string> Read(SiloMetadata metadata) =>
        metadata.Metadata.TryGetValue(MetadataKey, out var value)
            ? value.Split(';', StringSplitOptions.RemoveEmptyEntries)
            : [];
}
