using Lens.Tokenization.Normalizers;

namespace Lens.Tokenization.AddedTokens;

/// <summary>
/// The added tokens of a tokenizer: those with <c>normalized: false</c> are cut out of the raw text, those with
/// <c>normalized: true</c> out of each normalized remainder (tokenizers' AddedVocabulary::extract_and_normalize).
/// </summary>
internal sealed class AddedVocabulary
{
    private readonly Dictionary<int, AddedToken> _byId = [];
    private readonly Dictionary<string, AddedToken> _byContent = new(StringComparer.Ordinal);
    private readonly TokenTrie _raw = new();
    private readonly TokenTrie _normalized = new();

    public AddedVocabulary(IEnumerable<AddedToken> tokens, INormalizer? normalizer)
    {
        foreach (var t in tokens)
        {
            _byId[t.Id] = t;
            _byContent.TryAdd(t.Content, t);
            if (t.Normalized) _normalized.Add(normalizer?.Normalize(t.Content) ?? t.Content, t);
            else _raw.Add(t.Content, t);
        }
    }

    public IReadOnlyCollection<AddedToken> Tokens => _byId.Values;

    public int MaxId => _byId.Count == 0 ? -1 : _byId.Keys.Max();

    public AddedToken? ById(int id) => _byId.GetValueOrDefault(id);

    public AddedToken? ByContent(string content) => _byContent.GetValueOrDefault(content);

    public bool IsSpecial(string token) => _byContent.TryGetValue(token, out var t) && t.Special;

    /// <summary>Cuts <paramref name="text"/> into added tokens (Token set) and the text between them (Token null).</summary>
    public void Split(string text, bool normalizedPass, List<(string Text, AddedToken? Token, int Offset)> output)
    {
        var trie = normalizedPass ? _normalized : _raw;
        if (trie.IsEmpty) { if (text.Length > 0) output.Add((text, null, 0)); return; }
        var startOffset = 0;
        foreach (var (matchStart, matchEnd, token) in trie.FindAll(text))
        {
            var start = matchStart;
            var stop = matchEnd;
            if (token.SingleWord)
            {
                var startSpace = start == 0 || !IsWordCharacter(text[start - 1]);
                var stopSpace = stop == text.Length || !IsWordCharacter(text[stop]);
                if (!startSpace || !stopSpace) continue;
            }
            if (token.LStrip)
            {
                var newStart = start;
                while (newStart > 0 && char.IsWhiteSpace(text[newStart - 1])) newStart--;
                start = Math.Max(newStart, startOffset);
            }
            if (token.RStrip)
                while (stop < text.Length && char.IsWhiteSpace(text[stop])) stop++;
            if (start > startOffset) output.Add((text[startOffset..start], null, startOffset));
            output.Add((text[start..stop], token, start));
            startOffset = stop;
        }
        if (startOffset < text.Length) output.Add((startOffset == 0 ? text : text[startOffset..], null, startOffset));
    }

    private static bool IsWordCharacter(char c) => char.IsLetterOrDigit(c) || c == '_';
}
