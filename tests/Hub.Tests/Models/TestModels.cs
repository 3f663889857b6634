using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using Lens.Engine.IO;
using Lens.Tests;

namespace Lens.Hub.Tests.Models;

/// <summary>The repositories the fake hub serves: a real tiny model, and random-weight ones written here.</summary>
public static class TestModels
{
    /// <summary>Files of a repository that the engine does not need and that must not be downloaded.</summary>
    public static readonly IReadOnlyDictionary<string, byte[]> Extras = new Dictionary<string, byte[]>
    {
        ["README.md"] = "# a model card\n"u8.ToArray(),
        [".gitattributes"] = "*.safetensors filter=lfs diff=lfs merge=lfs -text\n"u8.ToArray(),
        ["pytorch_model.bin"] = new byte[40_000],
        ["onnx/model.onnx"] = new byte[12_000],
        ["onnx/config.json"] = "{}"u8.ToArray(),
    };

    /// <summary>stories260K (a real pretrained Llama with its tokenizer files) plus <see cref="Extras"/>.</summary>
    public static Dictionary<string, byte[]> Stories260K() => WithExtras(Folder(TestPaths.Stories260KHf));

    /// <summary>Every file of a folder, by name.</summary>
    public static Dictionary<string, byte[]> Folder(string dir) =>
        Directory.GetFiles(dir).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);

    /// <summary>A random-weight Llama folder (config.json + model.safetensors) of about <paramref name="layers"/> × 0.3 MB.</summary>
    public static string RandomModel(ulong seed, int layers = 2)
    {
        var dir = TestPaths.TempFolder("random-model");
        RandomModelWriter.Write(dir, new RandomModelShape(64, 172, layers, 4, 2, 512, 256), TensorDType.F32, seed);
        return dir;
    }

    /// <summary>
    /// The model of <paramref name="dir"/> as a sharded repository: config.json, model.safetensors.index.json and
    /// <paramref name="shards"/> shard files, plus a consolidated copy of the weights under another name (as some
    /// repositories hold), which the downloader must leave alone.
    /// </summary>
    public static Dictionary<string, byte[]> Sharded(string dir, int shards)
    {
        var whole = File.ReadAllBytes(Path.Combine(dir, "model.safetensors"));
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(whole);
        var header = JsonNode.Parse(Encoding.UTF8.GetString(whole, 8, headerLength))!.AsObject();
        var dataStart = 8 + headerLength;
        var tensors = header.Where(t => t.Key != "__metadata__")
            .Select(t => (Name: t.Key, Info: t.Value!.AsObject(), Begin: (long)t.Value!["data_offsets"]![0]!, End: (long)t.Value!["data_offsets"]![1]!))
            .OrderBy(t => t.Begin).ToList();

        var files = new Dictionary<string, byte[]> { ["config.json"] = File.ReadAllBytes(Path.Combine(dir, "config.json")), ["consolidated.safetensors"] = whole };
        var weightMap = new JsonObject();
        var perShard = (tensors.Count + shards - 1) / shards;
        for (var s = 0; s < shards; s++)
        {
            var name = $"model-{s + 1:00000}-of-{shards:00000}.safetensors";
            var group = tensors.Skip(s * perShard).Take(perShard).ToList();
            var shardHeader = new JsonObject { ["__metadata__"] = new JsonObject { ["format"] = "pt" } };
            using var data = new MemoryStream();
            foreach (var t in group)
            {
                var info = t.Info.DeepClone().AsObject();
                info["data_offsets"] = new JsonArray(data.Length, data.Length + t.End - t.Begin);
                shardHeader[t.Name] = info;
                data.Write(whole, (int)(dataStart + t.Begin), (int)(t.End - t.Begin));
                weightMap[t.Name] = name;
            }
            files[name] = Safetensors(shardHeader, data.ToArray());
        }
        var index = new JsonObject { ["metadata"] = new JsonObject { ["total_size"] = tensors.Sum(t => t.End - t.Begin) }, ["weight_map"] = weightMap };
        files["model.safetensors.index.json"] = Encoding.UTF8.GetBytes(index.ToJsonString());
        return files;
    }

    public static Dictionary<string, byte[]> WithExtras(Dictionary<string, byte[]> files)
    {
        foreach (var (name, content) in Extras) files[name] = content;
        return files;
    }

    private static byte[] Safetensors(JsonObject header, byte[] data)
    {
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        var padded = (json.Length + 7) / 8 * 8;
        var bytes = new byte[8 + padded + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)padded);
        json.CopyTo(bytes, 8);
        bytes.AsSpan(8 + json.Length, padded - json.Length).Fill((byte)' ');
        data.CopyTo(bytes, 8 + padded);
        return bytes;
    }
}
