using Lens.Tokenization.Text;

namespace Lens.Tokenization.Decoders;

internal sealed class ReplaceDecoder(TextPattern pattern, string content) : IDecoder
{
    public void Decode(List<string> tokens, bool display)
    {
        for (var i = 0; i < tokens.Count; i++) tokens[i] = pattern.Replace(tokens[i], content);
    }
}
