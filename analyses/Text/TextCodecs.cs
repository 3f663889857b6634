using Lens.Tokenization;

namespace Lens.Analyses;

/// <summary>Finds the text codec of a model folder.</summary>
public static class TextCodecs
{
    /// <summary>The tokenizer beside the model (tokenizer.json, or tokenizer.bin for llama2.c) as a codec, or null when it has none.</summary>
    public static ITextCodec? Open(string modelPath)
    {
        var folder = Directory.Exists(modelPath) ? modelPath : Path.GetDirectoryName(Path.GetFullPath(modelPath))!;
        var hasTokenizer = File.Exists(Path.Combine(folder, "tokenizer.json")) || File.Exists(Path.Combine(folder, "tokenizer.bin"));
        return hasTokenizer ? new TokenizerCodec(Tokenizer.Load(folder)) : null;
    }
}
