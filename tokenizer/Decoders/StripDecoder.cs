namespace Lens.Tokenization.Decoders;

/// <summary>Removes up to <c>start</c> leading and <c>stop</c> trailing <c>content</c> characters from each token.</summary>
internal sealed class StripDecoder(char content, int start, int stop) : IDecoder
{
    public void Decode(List<string> tokens, bool display)
    {
        if (display) return;
        for (var t = 0; t < tokens.Count; t++)
        {
            var token = tokens[t];
            var from = 0;
            while (from < start && from < token.Length && token[from] == content) from++;
            var to = token.Length;
            for (var i = 0; i < stop && to > from && token[to - 1] == content; i++) to--;
            tokens[t] = token[from..to];
        }
    }
}
