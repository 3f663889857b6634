namespace Lens.Analyses;

/// <summary>Opens a dataset by what the path holds: .npy files, a .jsonl file, or text (.txt files or a folder of them).</summary>
public static class TokenDatasets
{
    public static ITokenDataset Open(string path, ITextCodec? codec, int contextLength, int? bos)
    {
        if (File.Exists(path) && path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)) return new JsonlDataset(path);
        if (Directory.Exists(path) && Directory.EnumerateFiles(path, "*.npy").Any()) return new NpyFolderDataset(path);
        var texts = File.Exists(path) ? [path] : Directory.Exists(path)
            ? Directory.GetFiles(path, "*.txt").Order(StringComparer.Ordinal).ToArray()
            : throw new FileNotFoundException($"{path}: no such dataset file or folder");
        if (texts.Length == 0) throw new InvalidDataException($"{path}: no .npy, .jsonl or .txt data");
        if (codec is null) throw new InvalidOperationException($"{path}: text data needs a tokenizer in the model folder");
        return new TextWindowDataset(texts, codec, contextLength, bos);
    }
}
