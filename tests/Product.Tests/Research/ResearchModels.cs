using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;
using Lens.Engine.Inference;
using Lens.Tests;

namespace Lens.Product.Tests.Research;

/// <summary>The models research tests run: stories260K, and a copy whose weights are nudged (a KL baseline that differs).</summary>
public static class ResearchModels
{
    public const string Stories = "stories260K";
    public const string Perturbed = "stories260K-perturbed";

    /// <summary>stories260K again, named by a hub id and read from a hub cache (offline).</summary>
    public const string FromHub = "stories260K-hub";
    public const string HubId = "lens-tests/stories260K";

    private static readonly Lazy<string> Copy = new(MakePerturbedCopy);

    /// <summary>The folder of the perturbed copy (made once per test run).</summary>
    public static string PerturbedCopy() => Copy.Value;

    /// <summary>A hub cache (huggingface_hub's layout) holding stories260K as <see cref="HubId"/> at its main branch.</summary>
    public static string HubCache() => Cache.Value;

    private static readonly Lazy<string> Cache = new(() =>
    {
        var cache = TestPaths.TempFolder("hub-cache");
        var repo = Path.Combine(cache, "models--lens-tests--stories260K");
        var commit = new string('a', 40);
        var snapshot = Directory.CreateDirectory(Path.Combine(repo, "snapshots", commit)).FullName;
        foreach (var file in Directory.GetFiles(TestPaths.Stories260KHf)) File.Copy(file, Path.Combine(snapshot, Path.GetFileName(file)));
        Directory.CreateDirectory(Path.Combine(repo, "refs"));
        File.WriteAllText(Path.Combine(repo, "refs", "main"), commit);
        return cache;
    });

    /// <summary>Loads a model the way the research silos do (same thread count, so the same sums in the same order).</summary>
    public static Transformer Load(string name) =>
        Transformer.Load(name == Perturbed ? PerturbedCopy() : TestPaths.Stories260KHf, ResearchCluster.Threads);

    // Every float32 weight is scaled by one of 0.9, 1.0, 1.1 in turn: the same model, measurably different.
    private static string MakePerturbedCopy()
    {
        var folder = TestPaths.TempFolder("stories260K-perturbed");
        foreach (var file in Directory.GetFiles(TestPaths.Stories260KHf)) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        var path = Path.Combine(folder, "model.safetensors");
        var bytes = File.ReadAllBytes(path);
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        using var header = JsonDocument.Parse(bytes.AsMemory(8, headerLength));
        foreach (var tensor in header.RootElement.EnumerateObject())
        {
            if (tensor.Name == "__metadata__" || tensor.Value.GetProperty("dtype").GetString() != "F32") continue;
            var offsets = tensor.Value.GetProperty("data_offsets");
            var start = 8 + headerLength + offsets[0].GetInt32();
            var values = MemoryMarshal.Cast<byte, float>(bytes.AsSpan(start, offsets[1].GetInt32() - offsets[0].GetInt32()));
            for (var i = 0; i < values.Length; i++) values[i] *= 1f + 0.1f * (i % 3 - 1);
        }
        File.WriteAllBytes(path, bytes);
        return folder;
    }
}
