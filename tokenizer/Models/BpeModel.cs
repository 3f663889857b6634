using System.Collections.Concurrent;
using System.Text;

namespace Lens.Tokenization.Models;

/// <summary>
/// Hugging Face BPE: each piece starts as one symbol per character (or its <c>&lt;0xXX&gt;</c> bytes with
/// byte_fallback, or the unknown token), then the adjacent pair with the lowest merge rank is merged, leftmost
/// first, until no pair has a rank. Results for short pieces are cached.
/// </summary>
internal sealed class BpeModel : ITokenModel
{
    private const int CacheableLength = 256;
    private const int CacheCapacity = 200_000;

    private readonly Dictionary<string, int> _vocab;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly string?[] _idToToken;
    private readonly Dictionary<long, int> _rank;
    private readonly int[] _mergeResult;
    private readonly int[]? _byteIds;
    private readonly int _unkId;
    private readonly bool _fuseUnk;
    private readonly string? _prefix;
    private readonly string? _suffix;
    private readonly bool _ignoreMerges;
    private readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);
    private int _cacheCount; // ConcurrentDictionary.Count takes every lock, far too slow to ask per word
    private readonly WordBoundaries? _words;

    public BpeModel(BpeOptions options)
    {
        _vocab = options.Vocab;
        _lookup = _vocab.GetAlternateLookup<ReadOnlySpan<char>>();
        var size = _vocab.Count == 0 ? 0 : _vocab.Values.Max() + 1;
        _idToToken = new string?[size];
        foreach (var (token, id) in _vocab) _idToToken[id] ??= token;
        _unkId = options.UnkToken is null ? -1
            : _vocab.TryGetValue(options.UnkToken, out var unk) ? unk
            : throw new InvalidDataException($"{options.File}: model.unk_token '{options.UnkToken}' is not in model.vocab");
        _fuseUnk = options.FuseUnk;
        _prefix = string.IsNullOrEmpty(options.ContinuingSubwordPrefix) ? null : options.ContinuingSubwordPrefix;
        _suffix = string.IsNullOrEmpty(options.EndOfWordSuffix) ? null : options.EndOfWordSuffix;
        _ignoreMerges = options.IgnoreMerges;
        if (options.ByteFallback)
        {
            _byteIds = new int[256];
            for (var b = 0; b < 256; b++) _byteIds[b] = _vocab.TryGetValue($"<0x{b:X2}>", out var id) ? id : -1;
        }

        // Cutting long pieces into words is exact only when a symbol's text does not depend on its place in the word,
        // and when "▁" is itself a token (so no run of unknown characters can be fused across a cut).
        if (!_ignoreMerges && _prefix is null && _suffix is null && _vocab.ContainsKey("\u2581"))
            _words = new WordBoundaries('\u2581', _vocab.Keys);

        // A pair listed twice keeps its last rank, as tokenizers' HashMap collect does.
        var merges = options.Merges;
        _rank = new Dictionary<long, int>(merges.Count);
        _mergeResult = new int[merges.Count];
        var prefixLength = options.ContinuingSubwordPrefix?.Length ?? 0;
        for (var rank = 0; rank < merges.Count; rank++)
        {
            var (a, b) = merges[rank];
            if (!_vocab.TryGetValue(a, out var left)) throw MergeError(options.File, rank, a);
            if (!_vocab.TryGetValue(b, out var right)) throw MergeError(options.File, rank, b);
            var mergedText = string.Concat(a, prefixLength <= b.Length ? b.AsSpan(prefixLength) : b.AsSpan());
            if (!_vocab.TryGetValue(mergedText, out var merged)) throw MergeError(options.File, rank, mergedText);
            _rank[Pair(left, right)] = rank;
            _mergeResult[rank] = merged;
        }
    }

    private static InvalidDataException MergeError(string file, int rank, string token) =>
        new($"{file}: model.merges[{rank}] uses token '{token}', which is not in model.vocab");

    public int VocabularySize => _idToToken.Length;

    public string? IdToToken(int id) => (uint)id < (uint)_idToToken.Length ? _idToToken[id] : null;

    public int? TokenToId(string token) => _vocab.TryGetValue(token, out var id) ? id : null;

    private static long Pair(int left, int right) => ((long)left << 32) | (uint)right;

    public void Tokenize(string piece, List<int> ids)
    {
        if (_words is not null && piece.Length > 1)
        {
            _words.Split(piece, (start, length) => TokenizeWord(start == 0 && length == piece.Length ? piece : piece.Substring(start, length), ids));
            return;
        }
        TokenizeWord(piece, ids);
    }

    /// <summary>The piece merged as one word, never cut or cached: the reference the word cuts are tested against.</summary>
    internal void TokenizeUncut(string piece, List<int> ids)
    {
        var word = MergeQueue.Rent();
        Split(piece, word);
        MergeWithHeap(word);
        word.CopyTo(ids);
    }

    private void TokenizeWord(string piece, List<int> ids)
    {
        if (piece.Length == 0) return;
        if (_cache.TryGetValue(piece, out var cached)) { ids.AddRange(cached); return; }
        if (_ignoreMerges && _vocab.TryGetValue(piece, out var whole)) { ids.Add(whole); return; }

        var word = MergeQueue.Rent();
        Split(piece, word);
        MergeAll(word);
        if (piece.Length <= CacheableLength && Volatile.Read(ref _cacheCount) < CacheCapacity)
        {
            var result = word.ToArray();
            if (_cache.TryAdd(piece, result)) Interlocked.Increment(ref _cacheCount);
            ids.AddRange(result);
        }
        else word.CopyTo(ids);
    }

    // One symbol per code point; see tokenizers' BPE::merge_word for the unknown/byte-fallback order kept here.
    private void Split(string piece, MergeQueue word)
    {
        var pendingUnk = false;
        for (var i = 0; i < piece.Length;)
        {
            var length = char.IsHighSurrogate(piece[i]) && i + 1 < piece.Length && char.IsLowSurrogate(piece[i + 1]) ? 2 : 1;
            var end = i + length;
            var span = piece.AsSpan(i, length);
            string? affixed = null;
            if (_prefix is not null && i > 0) affixed = _prefix + span.ToString();
            if (_suffix is not null && end == piece.Length) affixed = (affixed ?? span.ToString()) + _suffix;
            var found = affixed is null ? _lookup.TryGetValue(span, out var id) : _vocab.TryGetValue(affixed, out id);
            i = end;
            if (found)
            {
                if (pendingUnk) { word.Add(_unkId); pendingUnk = false; }
                word.Add(id);
                continue;
            }
            if (_byteIds is not null && TryAddBytes(affixed ?? span.ToString(), word)) continue;
            if (_unkId < 0) continue; // no unknown token: the character is dropped, as in tokenizers
            if (pendingUnk && !_fuseUnk) word.Add(_unkId);
            pendingUnk = true;
        }
        if (pendingUnk) word.Add(_unkId);
    }

    private bool TryAddBytes(string text, MergeQueue word)
    {
        Span<byte> bytes = stackalloc byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        var count = Encoding.UTF8.GetBytes(text, bytes);
        for (var b = 0; b < count; b++) if (_byteIds![bytes[b]] < 0) return false;
        for (var b = 0; b < count; b++) word.Add(_byteIds![bytes[b]]);
        return true;
    }

    private const int ScanLimit = 24;

    private void MergeAll(MergeQueue word)
    {
        if (word.Count < 2) return;
        if (word.Count <= ScanLimit) MergeByScan(word);
        else MergeWithHeap(word);
    }

    private int RankAfter(MergeQueue word, int pos)
    {
        var next = word.Next[pos];
        return next >= 0 && _rank.TryGetValue(Pair(word.Ids[pos], word.Ids[next]), out var r) ? r : int.MaxValue;
    }

    // Short words: keep each adjacent pair's rank and rescan for the lowest (leftmost on ties); no heap needed.
    private void MergeByScan(MergeQueue word)
    {
        for (var i = 0; i < word.Count; i++) word.Rank[i] = RankAfter(word, i);
        while (true)
        {
            var best = int.MaxValue;
            var pos = -1;
            for (var i = 0; i >= 0; i = word.Next[i])
                if (word.Rank[i] < best) { best = word.Rank[i]; pos = i; }
            if (pos < 0) return;
            word.Merge(pos, _mergeResult[best]);
            word.Rank[pos] = RankAfter(word, pos);
            if (word.Prev[pos] >= 0) word.Rank[word.Prev[pos]] = RankAfter(word, word.Prev[pos]);
        }
    }

    private void MergeWithHeap(MergeQueue word)
    {
        if (word.Count < 2) return;
        var heap = word.Heap;
        int r;
        for (var i = 0; i + 1 < word.Count; i++)
            if (_rank.TryGetValue(Pair(word.Ids[i], word.Ids[i + 1]), out r)) heap.Enqueue(i, ((long)r << 32) | (uint)i);
        while (heap.TryDequeue(out var pos, out var key))
        {
            if (word.Removed[pos]) continue;
            var next = word.Next[pos];
            if (next < 0) continue;
            var rank = (int)(key >> 32);
            if (!_rank.TryGetValue(Pair(word.Ids[pos], word.Ids[next]), out var current) || current != rank) continue; // stale
            word.Merge(pos, _mergeResult[rank]);
            var prev = word.Prev[pos];
            if (prev >= 0 && _rank.TryGetValue(Pair(word.Ids[prev], word.Ids[pos]), out r)) heap.Enqueue(prev, ((long)r << 32) | (uint)prev);
            next = word.Next[pos];
            if (next >= 0 && _rank.TryGetValue(Pair(word.Ids[pos], word.Ids[next]), out r)) heap.Enqueue(pos, ((long)r << 32) | (uint)pos);
        }
    }
}
