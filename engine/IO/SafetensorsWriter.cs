using System.Text;
using System.Text.Json.Nodes;

namespace Lens.Engine.IO;

/// <summary>Writes a safetensors file from named tensors produced on demand, streaming (no whole-model buffer).</summary>
public static class SafetensorsWriter
{
    /// <param name="tensors">Name, shape and a writer that emits exactly the tensor's bytes, in order.</param>
    public static void Write(string path, TensorDType dtype, IReadOnlyList<(string Name, long[] Shape, Action<Stream> WriteData)> tensors)
    {
        var header = new JsonObject { ["__metadata__"] = new JsonObject { ["format"] = "pt" } };
        long offset = 0;
        foreach (var (name, shape, _) in tensors)
        {
            var bytes = shape.Aggregate(1L, (a, b) => a * b) * dtype.Size();
            header[name] = new JsonObject
            {
                ["dtype"] = dtype.ToString(),
                ["shape"] = new JsonArray(shape.Select(s => (JsonNode)s).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + bytes),
            };
            offset += bytes;
        }
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        var padded = (json.Length + 7) / 8 * 8; // the format pads the header with spaces to a multiple of 8
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        stream.Write(BitConverter.GetBytes((ulong)padded));
        stream.Write(json);
        for (var i = json.Length; i < padded; i++) stream.WriteByte((byte)' ');
        foreach (var (_, _, write) in tensors) write(stream);
    }
}
