using System.Text.Json;

namespace Lens.Analyses.Tests;

/// <summary>A golden*.json file (schema in shared/fixtures/models/README.md) with flattening accessors.</summary>
public sealed class GoldenFile
{
    private readonly JsonElement _root;

    private GoldenFile(string path, string modelDir)
    {
        ModelDir = modelDir;
        _root = JsonDocument.Parse(File.ReadAllBytes(path)).RootElement;
    }

    public string ModelDir { get; }
    public double Atol => _root.GetProperty("atol").GetDouble();
    public int[] InputIds => Ints(_root.GetProperty("input_ids"));
    public JsonElement this[string key] => _root.GetProperty(key);

    public static int[] Ints(JsonElement e) => Flatten(e).Select(v => (int)v).ToArray();

    public static double[] Flatten(JsonElement e)
    {
        var result = new List<double>();
        void Walk(JsonElement x)
        {
            if (x.ValueKind == JsonValueKind.Array) foreach (var c in x.EnumerateArray()) Walk(c);
            else result.Add(x.GetDouble());
        }
        Walk(e);
        return result.ToArray();
    }

    /// <summary>Every golden file id ("family/golden.json"): ten random-weight families and stories260K.</summary>
    public static IEnumerable<object[]> All()
    {
        foreach (var dir in Directory.GetDirectories(TestPaths.Fixtures).Order(StringComparer.Ordinal))
            foreach (var file in Directory.GetFiles(dir, "golden*.json").Order(StringComparer.Ordinal))
                yield return [Path.GetFileName(dir) + "/" + Path.GetFileName(file)];
    }

    public static GoldenFile Open(string id)
    {
        var path = Path.Combine(TestPaths.Fixtures, id);
        var family = id.Split('/')[0];
        return new GoldenFile(path, family == "stories260K" ? TestPaths.Stories260K : Path.GetDirectoryName(path)!);
    }
}
