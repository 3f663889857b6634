namespace Lens.Tokenization.Models;

/// <summary>
/// llama2.c's <c>encode()</c> (run.c): one symbol per UTF-8 code point (missing ones become their bytes,
/// id = byte + 3), then repeatedly merge the adjacent pair whose concatenation is in the vocabulary with the
/// highest score, leftmost among equals. A heap keeps this O(n log n) on long texts.
/// </summary>
internal sealed class Llama2cModel : ITokenModel
{
    private const int ByteIdOffset = 3;
    private static readonly string[] s_specialNames = ["<unk>", "<s>", "</s>"];

    private readonly string[] _pieces;          // as stored: SentencePiece's "▁" is a space
    private readonly string[] _displayPieces;   // as tokenizer.json writes them: "▁", "<s>"
    private readonly float[] _scores;
    private readonly Dictionary<string, int> _byPiece = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly Dictionary<string, int> _byDisplay = new(StringComparer.Ordinal);
    private readonly Dictionary<long, int> _pairs = [];
    [ThreadStatic] private static PriorityQueue<int, (float Score, int Pos)>? s_heap;
    private readonly WordBoundaries _words;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);
    private int _cacheCount; // ConcurrentDictionary.Count takes every lock

    public Llama2cModel(string[] pieces, float[] scores)
    {
        _pieces = pieces;
        _scores = scores;
        _displayPieces = new string[pieces.Length];
        for (var id = 0; id < pieces.Length; id++)
        {
            _byPiece.TryAdd(pieces[id], id);
            _displayPieces[id] = id < s_specialNames.Length ? s_specialNames[id] : pieces[id].Replace(' ', '\u2581');
            _byDisplay.TryAdd(_displayPieces[id], id);
        }
        _lookup = _byPiece.GetAlternateLookup<ReadOnlySpan<char>>();
        _words = new WordBoundaries(' ', pieces);
        // Every way a piece splits into two pieces is a pair run.c could merge into it.
        for (var id = 0; id < pieces.Length; id++)
        {
            var piece = pieces[id];
            if (_byPiece[piece] != id) continue;
            for (var cut = 1; cut < piece.Length; cut++)
                if (_lookup.TryGetValue(piece.AsSpan(0, cut), out var left) && _lookup.TryGetValue(piece.AsSpan(cut), out var right))
                    _pairs.TryAdd(Pair(left, right), id);
        }
    }

    public int VocabularySize => _pieces.Length;

    public string? IdToToken(int id) => (uint)id < (uint)_displayPieces.Length ? _displayPieces[id] : null;

    public int? TokenToId(string token) => _byDisplay.TryGetValue(token, out var id) ? id : null;

    private static long Pair(int left, int right) => ((long)left << 32) | (uint)right;

    public void Tokenize(string piece, List<int> ids) =>
        _words.Split(piece, (start, length) => TokenizeWord(piece.Substring(start, length), ids));

    private void TokenizeWord(string piece, List<int> ids)
    {
        if (_cache.TryGetValue(piece, out var cached)) { ids.AddRange(cached); return; }
        var word = MergeQueue.Rent();
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < piece.Length;)
        {
            var length = char.IsHighSurrogate(piece[i]) && i + 1 < piece.Length && char.IsLowSurrogate(piece[i + 1]) ? 2 : 1;
            if (_lookup.TryGetValue(piece.AsSpan(i, length), out var id)) word.Add(id);
            else
            {
                var count = System.Text.Encoding.UTF8.GetBytes(piece.AsSpan(i, length), bytes);
                for (var b = 0; b < count; b++) word.Add(bytes[b] + ByteIdOffset);
            }
            i += length;
        }
        MergeAll(word);
        if (piece.Length <= 64 && Volatile.Read(ref _cacheCount) < 100_000)
        {
            var result = word.ToArray();
            if (_cache.TryAdd(piece, result)) Interlocked.Increment(ref _cacheCount);
            ids.AddRange(result);
        }
        else word.CopyTo(ids);
    }

    private void MergeAll(MergeQueue word)
    {
        var heap = s_heap ??= new PriorityQueue<int, (float, int)>(BestFirst.Instance);
        heap.Clear();
        for (var i = 0; i + 1 < word.Count; i++)
            if (_pairs.TryGetValue(Pair(word.Ids[i], word.Ids[i + 1]), out var merged)) heap.Enqueue(i, (_scores[merged], i));
        while (heap.TryDequeue(out var pos, out var priority))
        {
            if (word.Removed[pos]) continue;
            var next = word.Next[pos];
            if (next < 0 || !_pairs.TryGetValue(Pair(word.Ids[pos], word.Ids[next]), out var merged) || _scores[merged] != priority.Score) continue;
            word.Merge(pos, merged);
            var prev = word.Prev[pos];
            if (prev >= 0 && _pairs.TryGetValue(Pair(word.Ids[prev], word.Ids[pos]), out var m)) heap.Enqueue(prev, (_scores[m], prev));
            next = word.Next[pos];
            if (next >= 0 && _pairs.TryGetValue(Pair(word.Ids[pos], word.Ids[next]), out m)) heap.Enqueue(pos, (_scores[m], pos));
        }
    }

    // Highest score first; among equal scores the leftmost pair, as run.c's strict '>' scan picks it.
    private sealed class BestFirst : IComparer<(float Score, int Pos)>
    {
        public static readonly BestFirst Instance = new();
        public int Compare((float Score, int Pos) x, (float Score, int Pos) y) =>
            x.Score != y.Score ? y.Score.CompareTo(x.Score) : x.Pos.CompareTo(y.Pos);
    }
}
