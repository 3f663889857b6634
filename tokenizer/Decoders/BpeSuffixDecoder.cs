namespace Lens.Tokenization.Decoders;

/// <summary>tokenizers' BPEDecoder: the end-of-word suffix becomes a space, except on the last token.</summary>
internal sealed class BpeSuffixDecoder(string suffix) : IDecoder
{
    public void Decode(List<string> tokens, bool display)
    {
        for (var i = 0; i < tokens.Count; i++)
            tokens[i] = tokens[i].Replace(suffix, i == tokens.Count - 1 ? "" : " ", StringComparison.Ordinal);
    }
}
