namespace Lens.Analyses;

/// <summary>
/// The text side of a model as the analyses need it: encoding, decoding, a printable form of one token and the
/// chat template. Kept as an interface so the analyses do not depend on one tokenizer implementation.
/// </summary>
public interface ITextCodec
{
    int[] Encode(string text, bool addSpecialTokens = true);
    string Decode(ReadOnlySpan<int> ids);
    string TokenText(int id);

    /// <summary>The prompt a chat model expects for one user message (generation prompt appended), or null without a chat template.</summary>
    string? RenderUserTurn(string message);
}
