namespace Lens.Tokenization.AddedTokens;

/// <summary>
/// Finds added-token strings in text, leftmost first and longest at that position, without overlaps
/// (the aho-corasick LeftmostLongest matching tokenizers uses).
/// </summary>
internal sealed class TokenTrie
{
    private sealed class Node
    {
        public Dictionary<char, Node>? Children;
        public AddedToken? Token;
    }

    private readonly Node _root = new();
    private readonly bool[] _firstChar = new bool[0x10000];

    public bool IsEmpty { get; private set; } = true;

    public void Add(string content, AddedToken token)
    {
        if (content.Length == 0) return;
        var node = _root;
        foreach (var c in content)
        {
            node.Children ??= [];
            if (!node.Children.TryGetValue(c, out var child)) node.Children[c] = child = new Node();
            node = child;
        }
        node.Token ??= token;
        _firstChar[content[0]] = true;
        IsEmpty = false;
    }

    public List<(int Start, int End, AddedToken Token)> FindAll(string text)
    {
        var matches = new List<(int, int, AddedToken)>();
        if (IsEmpty) return matches;
        for (var i = 0; i < text.Length;)
        {
            if (!_firstChar[text[i]]) { i++; continue; }
            var node = _root;
            var bestEnd = -1;
            AddedToken? best = null;
            for (var j = i; j < text.Length && node.Children is not null && node.Children.TryGetValue(text[j], out node); j++)
                if (node.Token is not null) { bestEnd = j + 1; best = node.Token; }
            if (best is null) { i++; continue; }
            matches.Add((i, bestEnd, best));
            i = bestEnd;
        }
        return matches;
    }
}
