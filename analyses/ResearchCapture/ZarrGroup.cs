using System.Text.Json.Nodes;

namespace Lens.Analyses;

/// <summary>A Zarr v2 group: a folder with .zgroup {"zarr_format": 2}, optional .zattrs, and arrays as sub-folders.</summary>
public static class ZarrGroup
{
    public static void Create(string path, JsonObject? attributes = null)
    {
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, ".zgroup"), ZarrJson.Text(new JsonObject { ["zarr_format"] = 2 }));
        if (attributes is not null) WriteAttributes(path, attributes);
    }

    public static void WriteAttributes(string path, JsonObject attributes) =>
        File.WriteAllText(Path.Combine(path, ".zattrs"), ZarrJson.Text(attributes));

    /// <summary>Bytes of every file under the store.</summary>
    public static long Size(string path) => new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
}
