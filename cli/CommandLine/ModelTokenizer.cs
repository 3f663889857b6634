using Lens.Tokenization;

namespace Lens.Cli.CommandLine;

/// <summary>
/// Finds the tokenizer that belongs to a model: --tokenizer when given, else tokenizer.json in the model folder,
/// else a llama2.c tokenizer (tokenizer.bin or tok*.bin) beside a .bin checkpoint.
/// </summary>
public static class ModelTokenizer
{
    public static Tokenizer? Find(string modelPath, string? explicitPath)
    {
        if (explicitPath is not null) return Tokenizer.Load(explicitPath);
        if (Directory.Exists(modelPath))
            return File.Exists(Path.Combine(modelPath, "tokenizer.json")) ? Tokenizer.Load(modelPath) : null;
        var folder = Path.GetDirectoryName(Path.GetFullPath(modelPath))!;
        var candidate = new[] { Path.Combine(folder, "tokenizer.bin") }
            .Concat(Directory.GetFiles(folder, "tok*.bin").Order(StringComparer.Ordinal))
            .FirstOrDefault(File.Exists);
        return candidate is null ? null : Tokenizer.Load(candidate);
    }
}
