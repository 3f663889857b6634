using System.Text.Json;

namespace Lens.Tests;

/// <summary>A golden*.json file (schema in shared/fixtures/models/README.md), with flattening accessors.</summary>
public sealed class Golden
{
    private readonly JsonElement _root;
    public string Name { get; }
    public string ModelDir { get; }

    public Golden(string goldenPath, string modelDir)
    {
        Name = Path.GetFileName(Path.GetDirectoryName(goldenPath)) + "/" + Path.GetFileName(goldenPath);
        ModelDir = modelDir;
        _root = JsonDocument.Parse(File.ReadAllBytes(goldenPath)).RootElement;
    }

    public double Atol => _root.GetProperty("atol").GetDouble();
    public int[] InputIds => Ints(_root.GetProperty("input_ids"));
    public int[] GreedyIds => Ints(_root.GetProperty("greedy").GetProperty("ids"));
    public int GreedyNewTokens => _root.GetProperty("greedy").GetProperty("new_tokens").GetInt32();
    public string? PromptText => _root.GetProperty("prompt_text").ValueKind == JsonValueKind.String ? _root.GetProperty("prompt_text").GetString() : null;
    public JsonElement this[string key] => _root.GetProperty(key);
    public bool Has(string key) => _root.TryGetProperty(key, out _);

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

    /// <summary>Every golden file: the ten random-weight families copied into Fixtures, and stories260K (weights from ../shared).</summary>
    public static IEnumerable<object[]> All()
    {
        foreach (var dir in Directory.GetDirectories(TestPaths.Fixtures).Order(StringComparer.Ordinal))
            foreach (var file in Directory.GetFiles(dir, "golden*.json").Order(StringComparer.Ordinal))
                yield return [Path.GetFileName(dir) + "/" + Path.GetFileName(file)];
    }

    public static Golden Open(string id)
    {
        var path = Path.Combine(TestPaths.Fixtures, id);
        var family = id.Split('/')[0];
        var modelDir = family == "stories260K" ? TestPaths.Stories260KHf : Path.GetDirectoryName(path)!;
        return new Golden(path, modelDir);
    }
}
