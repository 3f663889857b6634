using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Lens.Tokenization.Tests;

/// <summary>
/// Finds ../shared beside the repository (the folder holding Cluster.sln) and loads the tokenizers there once.
/// The tokenizer files are read in place: their licences keep them out of this repository.
/// </summary>
internal static class SharedFixtures
{
    private static readonly Lazy<string> s_shared = new(FindShared);
    private static readonly ConcurrentDictionary<string, Lazy<Tokenizer>> s_tokenizers = new();

    public static readonly string[] TokenizerNames = ["gpt2", "llama3", "qwen3", "mistral", "gemma3"];
    public static readonly string[] ChatTokenizerNames = ["llama3", "qwen3", "gemma3"];

    public static string SharedDir => s_shared.Value;

    public static string TokenizerFolder(string name) => Path.Combine(SharedDir, "fixtures", "tokenizers", name);

    public static string Path2(params string[] parts) => Path.Combine([SharedDir, .. parts]);

    public static Tokenizer Tokenizer(string name) =>
        s_tokenizers.GetOrAdd(name, n => new Lazy<Tokenizer>(() => Lens.Tokenization.Tokenizer.Load(TokenizerFolder(n)))).Value;

    public static Tokenizer Load(string path) =>
        s_tokenizers.GetOrAdd(path, p => new Lazy<Tokenizer>(() => Lens.Tokenization.Tokenizer.Load(p))).Value;

    public static IEnumerable<JsonObject> Lines(string path) =>
        File.ReadLines(path).Where(l => l.Trim().Length > 0).Select(l => JsonNode.Parse(l)!.AsObject());

    public static int[] Ints(JsonNode? node) => node!.AsArray().Select(n => n!.GetValue<int>()).ToArray();

    public static string[] Strings(JsonNode? node) => node!.AsArray().Select(n => n!.GetValue<string>()).ToArray();

    private static string FindShared()
    {
        var looked = new List<string>();
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            looked.Add(dir.FullName);
            if (!File.Exists(Path.Combine(dir.FullName, "Cluster.sln"))) continue;
            var shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
            if (Directory.Exists(Path.Combine(shared, "fixtures", "tokenizers"))) return shared;
            throw new DirectoryNotFoundException($"found the repository at {dir.FullName} but not the shared fixtures at {shared}/fixtures/tokenizers");
        }
        throw new DirectoryNotFoundException($"no folder containing Cluster.sln above {AppContext.BaseDirectory} (looked in: {string.Join(", ", looked)}); the tokenizer fixtures are expected in ../shared beside it");
    }
}
