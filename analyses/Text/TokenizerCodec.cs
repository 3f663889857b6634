using Lens.Tokenization;

namespace Lens.Analyses;

/// <summary>The project's tokenizer as an <see cref="ITextCodec"/>.</summary>
public sealed class TokenizerCodec(Tokenizer tokenizer) : ITextCodec
{
    public Tokenizer Tokenizer { get; } = tokenizer;

    public int[] Encode(string text, bool addSpecialTokens = true) => Tokenizer.Encode(text, addSpecialTokens);
    public string Decode(ReadOnlySpan<int> ids) => Tokenizer.Decode(ids, skipSpecialTokens: true);

    /// <summary>The token as it reads on its own (" world", not "Ġworld").</summary>
    public string TokenText(int id) => Tokenizer.TokenDisplay(id);

    public string? RenderUserTurn(string message) => ChatRendering.UserTurn(Tokenizer, message);
}
