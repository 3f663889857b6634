namespace Lens.Tokenization.Decoders;

/// <summary>
/// Turns the replacement character back into spaces; in the first token, when a prefix was prepended at
/// encode time, the replacement characters are dropped instead (tokenizers' Metaspace::decode_chain).
/// </summary>
internal sealed class MetaspaceDecoder(char replacement, bool prependsPrefix) : IDecoder
{
    public void Decode(List<string> tokens, bool display)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var dropLeading = i == 0 && prependsPrefix && !display;
            tokens[i] = dropLeading ? tokens[i].Replace(replacement.ToString(), "", StringComparison.Ordinal) : tokens[i].Replace(replacement, ' ');
        }
    }
}
