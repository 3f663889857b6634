using System.IO.Compression;
using System.Text.Json;

namespace Lens.Analyses.Tests;

/// <summary>Checks a directory store against the Zarr v2 storage specification (the parts this project writes).</summary>
public static class ZarrSpec
{
    private static readonly Dictionary<string, int> ItemSizes = new() { ["<f2"] = 2, ["<f4"] = 4, ["<i4"] = 4, ["|u1"] = 1 };

    public static void AssertGroup(string path)
    {
        var group = JsonDocument.Parse(Metadata(Path.Combine(path, ".zgroup"))).RootElement;
        Assert.Equal(JsonValueKind.Object, group.ValueKind);
        Assert.Equal(2, group.GetProperty("zarr_format").GetInt32());
        if (File.Exists(Path.Combine(path, ".zattrs")))
            Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(Metadata(Path.Combine(path, ".zattrs"))).RootElement.ValueKind);
    }

    /// <summary>A metadata document's text, checked to be ASCII: zarr-python 2 decodes .zarray/.zattrs/.zgroup as ASCII.</summary>
    private static string Metadata(string file)
    {
        var bytes = File.ReadAllBytes(file);
        var offset = Array.FindIndex(bytes, b => b > 0x7F);
        Assert.True(offset < 0, $"{file}: byte {offset} is not ASCII (escape non-ASCII text as \\uXXXX)");
        return System.Text.Encoding.ASCII.GetString(bytes);
    }

    /// <summary>Returns the number of chunk files checked.</summary>
    public static int AssertArray(string path)
    {
        var text = Metadata(Path.Combine(path, ".zarray"));
        if (File.Exists(Path.Combine(path, ".zattrs"))) Metadata(Path.Combine(path, ".zattrs"));
        var meta = JsonDocument.Parse(text).RootElement;
        foreach (var key in new[] { "zarr_format", "shape", "chunks", "dtype", "compressor", "fill_value", "order", "filters" })
            Assert.True(meta.TryGetProperty(key, out _), $"{path}/.zarray lacks required key '{key}'");
        Assert.Equal(2, meta.GetProperty("zarr_format").GetInt32());
        var shape = meta.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var chunks = meta.GetProperty("chunks").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        Assert.Equal(shape.Length, chunks.Length);
        Assert.All(chunks, c => Assert.True(c > 0));
        var dtype = meta.GetProperty("dtype").GetString()!;
        Assert.True(ItemSizes.ContainsKey(dtype), $"unexpected dtype {dtype}");
        Assert.Contains($"\"{dtype}\"", text); // written literally, as zarr tools print it
        var compressor = meta.GetProperty("compressor");
        Assert.Equal("zlib", compressor.GetProperty("id").GetString());
        Assert.InRange(compressor.GetProperty("level").GetInt32(), 0, 9);
        Assert.Equal(JsonValueKind.Number, meta.GetProperty("fill_value").ValueKind);
        Assert.Equal("C", meta.GetProperty("order").GetString());
        // Filters: none, or the numcodecs byte shuffle by the item size (undone after zlib when reading).
        var filters = meta.GetProperty("filters");
        var shuffle = 1;
        if (filters.ValueKind != JsonValueKind.Null)
        {
            Assert.Equal(JsonValueKind.Array, filters.ValueKind);
            var filter = Assert.Single(filters.EnumerateArray().ToArray());
            Assert.Equal("shuffle", filter.GetProperty("id").GetString());
            shuffle = filter.GetProperty("elementsize").GetInt32();
            Assert.Equal(ItemSizes[dtype], shuffle);
        }

        var grid = shape.Zip(chunks, (s, c) => (s + c - 1) / c).ToArray();
        var expectedBytes = chunks.Aggregate(1L, (a, b) => a * b) * ItemSizes[dtype];
        var files = 0;
        foreach (var file in Directory.GetFiles(path).Select(Path.GetFileName).Where(f => !f!.StartsWith('.')))
        {
            var parts = file!.Split('.');
            Assert.True(parts.Length == shape.Length && parts.All(p => p.All(char.IsAsciiDigit) && p.Length > 0), $"chunk key '{file}' is not {shape.Length} dot-separated indices");
            var index = parts.Select(long.Parse).ToArray();
            Assert.True(index.Zip(grid).All(x => x.First < x.Second), $"chunk {file} lies outside the chunk grid [{string.Join(",", grid)}]");
            using var z = new ZLibStream(File.OpenRead(Path.Combine(path, file)), CompressionMode.Decompress);
            using var raw = new MemoryStream();
            z.CopyTo(raw);
            Assert.Equal(expectedBytes, raw.Length);
            files++;
        }
        return files;
    }

    /// <summary>
    /// Checks the group and every array and sub-group below it (every array holding at least one chunk); returns the
    /// array paths relative to the store ("prompt/attention").
    /// </summary>
    public static string[] AssertStore(string path)
    {
        var names = new List<string>();
        void Walk(string group, string prefix)
        {
            AssertGroup(group);
            foreach (var d in Directory.GetDirectories(group))
            {
                var name = prefix + Path.GetFileName(d);
                if (File.Exists(Path.Combine(d, ".zarray"))) { Assert.True(AssertArray(d) > 0, $"{d} has no chunks"); names.Add(name); }
                else { Assert.True(File.Exists(Path.Combine(d, ".zgroup")), $"{d} is neither a zarr array nor a group"); Walk(d, name + "/"); }
            }
        }
        Walk(path, "");
        Assert.NotEmpty(names);
        return names.Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The item bytes of a chunk file as zarr-python would return them: zlib-decompressed, then unshuffled.</summary>
    public static byte[] DecodeChunk(string file, int shuffleElementSize)
    {
        using var z = new ZLibStream(File.OpenRead(file), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw);
        var bytes = raw.ToArray();
        var count = bytes.Length / shuffleElementSize;
        var items = new byte[bytes.Length];
        for (var j = 0; j < shuffleElementSize; j++)
            for (var i = 0; i < count; i++) items[i * shuffleElementSize + j] = bytes[j * count + i];
        return items;
    }
}
