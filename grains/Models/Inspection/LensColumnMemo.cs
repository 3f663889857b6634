namespace Lens.Grains.Models.Inspection;

/// <summary>
/// Lens columns already computed, so clicks on neighbouring tokens (whose context windows overlap) reuse them. A key
/// names the conversation, the position, a 64-bit hash of every id up to and including the next one, the shown layers
/// and top-k, so a column is not served for other tokens. Least recently used dropped past a byte bound.
/// </summary>
internal sealed class LensColumnMemo(long limitBytes)
{
    public readonly record struct Key(Guid Conversation, int Position, long IdsHash, string Layers, int TopK);

    private readonly Dictionary<Key, (LensColumn Column, long LastUse)> _columns = [];
    private long _bytes, _clock;

    public bool TryGet(Key key, out LensColumn column)
    {
        lock (_columns)
        {
            if (!_columns.TryGetValue(key, out var kept)) { column = null!; return false; }
            _columns[key] = (kept.Column, ++_clock);
            column = kept.Column;
            return true;
        }
    }

    public void Add(Key key, LensColumn column)
    {
        lock (_columns)
        {
            if (_columns.Remove(key, out var old)) _bytes -= old.Column.Bytes;
            _columns[key] = (column, ++_clock);
            _bytes += column.Bytes;
            if (_bytes <= limitBytes) return;
            // Drop the older half at once: one sort per many additions instead of a scan per addition.
            foreach (var (k, v) in _columns.OrderBy(x => x.Value.LastUse).Take(_columns.Count / 2).ToList())
            {
                _columns.Remove(k);
                _bytes -= v.Column.Bytes;
            }
        }
    }

    public void Forget(Guid conversation)
    {
        lock (_columns)
            foreach (var (k, v) in _columns.Where(x => x.Key.Conversation == conversation).ToList())
            {
                _columns.Remove(k);
                _bytes -= v.Column.Bytes;
            }
    }

    public long Bytes { get { lock (_columns) return _bytes; } }

    /// <summary>Per position p in [from, to), a 64-bit FNV-1a hash of ids[0..p+1] (the next id included: the column shows its rank).</summary>
    public static long[] PrefixHashes(int[] ids, int from, int to)
    {
        var hashes = new long[to - from];
        var h = unchecked((long)0xcbf29ce484222325);
        for (var p = 0; p < to; p++)
        {
            h = Mix(h, ids[p]);
            if (p >= from) hashes[p - from] = Mix(h, p + 1 < ids.Length ? ids[p + 1] : -1);
        }
        return hashes;
    }

    private static long Mix(long h, int id) => unchecked((h ^ id) * 0x100000001b3);
}
