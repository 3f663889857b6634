using Lens.Engine.Inference;

namespace Lens.Cli.Commands;

/// <summary>The text side of a model folder (its tokenizer), when the folder has one.</summary>
public sealed class PromptText
{
    public static PromptText? For(string modelPath, Transformer model) => null;

    public int[] Encode(string text) => throw new NotSupportedException();
    public string Decode(int[] ids) => throw new NotSupportedException();
    public Func<int, string> StreamingDecoder() => throw new NotSupportedException();
}
