using Lens.Tests;
using System.Text.Json.Nodes;
using Lens.Engine.IO;

namespace Lens.Engine.Tests;

/// <summary>Splits a single-file model into two safetensors shards plus model.safetensors.index.json.</summary>
public static class ShardedCopy
{
    public static void Write(string source, string target)
    {
        Directory.CreateDirectory(target);
        File.Copy(Path.Combine(source, "config.json"), Path.Combine(target, "config.json"));
        using var file = WeightFile.Open(Path.Combine(source, "model.safetensors"));
        var entries = SafetensorsFile.ReadHeader(file).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        var map = new JsonObject();
        var halves = new[] { entries.Take(entries.Count / 2).ToList(), entries.Skip(entries.Count / 2).ToList() };
        for (var s = 0; s < 2; s++)
        {
            var name = $"model-0000{s + 1}-of-00002.safetensors";
            var tensors = halves[s].Select(e => (e.Name, e.Shape, (Action<Stream>)(stream => stream.Write(file.Span(e.Offset, (int)e.Length))))).ToList();
            SafetensorsWriter.Write(Path.Combine(target, name), TensorDType.F32, tensors);
            foreach (var e in halves[s]) map[e.Name] = name;
        }
        File.WriteAllText(Path.Combine(target, "model.safetensors.index.json"), new JsonObject { ["metadata"] = new JsonObject(), ["weight_map"] = map }.ToJsonString());
    }
}
