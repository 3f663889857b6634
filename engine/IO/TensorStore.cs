using System.Text.Json;

namespace Lens.Engine.IO;

/// <summary>
/// The tensors of a Hugging Face model folder: <c>model.safetensors</c>, or the shards named by
/// <c>model.safetensors.index.json</c>. Owns the memory maps; tensors are pointers into them.
/// </summary>
public sealed unsafe class TensorStore : IDisposable
{
    private readonly List<WeightFile> _files = [];
    private readonly Dictionary<string, (TensorEntry Entry, WeightFile File)> _tensors = new(StringComparer.Ordinal);

    public string Folder { get; }
    public IEnumerable<string> Names => _tensors.Keys;

    /// <summary><see cref="WeightResidency.HugePages"/> when any file was read into huge pages.</summary>
    public WeightResidency Residency =>
        _files.Any(f => f.Residency == WeightResidency.HugePages) ? WeightResidency.HugePages : WeightResidency.Mapped;

    private TensorStore(string folder) => Folder = folder;

    public static TensorStore OpenFolder(string folder, WeightResidency residency = WeightResidency.Mapped)
    {
        var store = new TensorStore(folder);
        try
        {
            var index = Path.Combine(folder, "model.safetensors.index.json");
            var single = Path.Combine(folder, "model.safetensors");
            if (File.Exists(single)) store.Add(single, residency);
            else if (File.Exists(index)) foreach (var shard in ShardsOf(index)) store.Add(Path.Combine(folder, shard), residency);
            else throw new ModelFormatException($"{folder}: no model.safetensors or model.safetensors.index.json");
            return store;
        }
        catch { store.Dispose(); throw; }
    }

    private static IEnumerable<string> ShardsOf(string indexPath)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(indexPath));
            if (!doc.RootElement.TryGetProperty("weight_map", out var map) || map.ValueKind != JsonValueKind.Object)
                throw new ModelFormatException($"{indexPath}: no 'weight_map' object");
            return map.EnumerateObject().Select(p => p.Value.GetString()
                ?? throw new ModelFormatException($"{indexPath}: weight_map['{p.Name}'] is not a file name")).Distinct().ToList();
        }
        catch (JsonException e) { throw new ModelFormatException($"{indexPath}: malformed JSON: {e.Message}", e); }
    }

    private void Add(string path, WeightResidency residency)
    {
        var file = WeightFile.Open(path, residency);
        _files.Add(file);
        foreach (var entry in SafetensorsFile.ReadHeader(file))
            if (!_tensors.TryAdd(entry.Name, (entry, file)))
                throw new ModelFormatException($"{path}: tensor '{entry.Name}' also appears in another shard");
    }

    public bool Contains(string name) => _tensors.ContainsKey(name);

    public TensorEntry Entry(string name) =>
        _tensors.TryGetValue(name, out var t) ? t.Entry : throw new ModelFormatException($"{Folder}: missing tensor '{name}'");

    /// <summary>The tensor's bytes in place, checked to be a computable dtype of the expected shape.</summary>
    public TensorView View(string name, params long[] expectedShape)
    {
        var (entry, file) = _tensors.TryGetValue(name, out var t) ? t : throw new ModelFormatException($"{Folder}: missing tensor '{name}'");
        var dtype = TensorDTypes.Parse(entry.DTypeName)
            ?? throw new ModelFormatException($"{entry.File}: tensor '{name}' has dtype {entry.DTypeName}; the engine computes with F32, F16 and BF16");
        if (!entry.Shape.SequenceEqual(expectedShape))
            throw new ModelFormatException($"{entry.File}: tensor '{name}' has shape {entry.ShapeText} but config.json implies [{string.Join(", ", expectedShape)}]");
        return new TensorView(file.Pointer + entry.Offset, dtype, entry.Shape);
    }

    public void Dispose()
    {
        foreach (var f in _files) f.Dispose();
        _files.Clear();
    }
}
