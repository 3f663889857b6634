using System.Text.Json;

namespace Lens.Hub.Cache;

/// <summary>The shard files a <c>model.safetensors.index.json</c> names in its <c>weight_map</c>.</summary>
internal static class SafetensorsIndex
{
    /// <exception cref="HubException">The index is malformed or names a file outside the snapshot folder.</exception>
    public static IReadOnlyList<string> ReadShards(string indexPath)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(indexPath));
            if (!doc.RootElement.TryGetProperty("weight_map", out var map) || map.ValueKind != JsonValueKind.Object)
                throw Invalid(indexPath, "no 'weight_map' object");
            var shards = new List<string>();
            foreach (var entry in map.EnumerateObject())
            {
                var shard = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString()! : throw Invalid(indexPath, $"weight_map['{entry.Name}'] is not a file name");
                // The names become paths: a shard must be a plain file beside the index.
                if (shard.Length == 0 || shard.Contains('/') || shard.Contains('\\') || shard is "." or ".." || !shard.EndsWith(".safetensors", StringComparison.Ordinal))
                    throw Invalid(indexPath, $"weight_map['{entry.Name}'] names '{shard}', not a .safetensors file beside the index");
                if (!shards.Contains(shard)) shards.Add(shard);
            }
            return shards.Count > 0 ? shards : throw Invalid(indexPath, "weight_map is empty");
        }
        catch (JsonException e) { throw new HubException(HubError.InvalidResponse, $"{indexPath}: malformed JSON: {e.Message}", e); }
    }

    private static HubException Invalid(string path, string what) => new(HubError.InvalidResponse, $"{path}: {what}");
}
