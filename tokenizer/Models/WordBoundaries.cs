namespace Lens.Tokenization.Models;

/// <summary>
/// Cuts a long piece (SentencePiece-style models see the whole text as one word) into independent words.
/// A cut before a boundary character ("▁" or " ") at position p is safe when no vocabulary token occurs in the text
/// across p: every symbol BPE ever forms is a vocabulary token, so then no merge crosses p and encoding the parts
/// separately gives the same ids, while each part stays small and cacheable. Only tokens with the boundary
/// character past their first position can cross, and vocabularies have few of those.
/// </summary>
internal sealed class WordBoundaries
{
    private readonly char _boundary;
    // Tokens that hold the boundary past their start, keyed by the character just before such a boundary.
    private readonly Dictionary<char, (string Token, int Offset)[]> _crossing;

    public WordBoundaries(char boundary, IEnumerable<string> vocabulary)
    {
        _boundary = boundary;
        _crossing = vocabulary
            .Where(t => t.IndexOf(boundary, 1) > 0)
            .SelectMany(t => Enumerable.Range(1, t.Length - 1).Where(i => t[i] == boundary).Select(i => (Token: t, Offset: i)))
            .GroupBy(x => x.Token[x.Offset - 1])
            .ToDictionary(g => g.Key, g => g.ToArray());
    }

    /// <summary>Calls <paramref name="word"/> with (start, length) of each independent part, in order.</summary>
    public void Split(string text, Action<int, int> word)
    {
        var start = 0;
        for (var p = text.IndexOf(_boundary, 1); p > 0; p = p + 1 < text.Length ? text.IndexOf(_boundary, p + 1) : -1)
        {
            if (!IsSafe(text, p)) continue;
            word(start, p - start);
            start = p;
        }
        word(start, text.Length - start);
    }

    private bool IsSafe(string text, int p)
    {
        if (!_crossing.TryGetValue(text[p - 1], out var candidates)) return true;
        foreach (var (token, j) in candidates)
        {
            var s = p - j;
            if (s >= 0 && s + token.Length <= text.Length && string.CompareOrdinal(text, s, token, 0, token.Length) == 0) return false;
        }
        return true;
    }
}
