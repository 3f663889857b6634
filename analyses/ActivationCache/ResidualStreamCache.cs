namespace Lens.Analyses;

/// <summary>
/// The memory level of the activation cache: fp16 residual chunks of all conversations in one least-recently-used list
/// bounded in bytes (the budget of a silo, shared by every conversation). An entry counts its values plus a fixed
/// overhead; the total never exceeds the budget, and an entry bigger than the whole budget is simply not kept.
/// Thread-safe.
/// </summary>
public sealed class ResidualStreamCache
{
    /// <summary>Bytes charged per entry beyond its values (key, list node, array header).</summary>
    public const int EntryOverhead = 128;

    private readonly object _gate = new();
    private readonly LinkedList<(ResidualChunkKey Key, Half[] Rows)> _recency = new(); // most recent first
    private readonly Dictionary<ResidualChunkKey, LinkedListNode<(ResidualChunkKey Key, Half[] Rows)>> _entries = new();
    private readonly Dictionary<string, HashSet<ResidualChunkKey>> _byConversation = new(StringComparer.Ordinal);
    private long _bytes, _evictions;

    public ResidualStreamCache(long budgetBytes)
    {
        if (budgetBytes < 0) throw new ArgumentOutOfRangeException(nameof(budgetBytes), budgetBytes, "the memory budget cannot be negative");
        BudgetBytes = budgetBytes;
    }

    public long BudgetBytes { get; }
    public long Bytes { get { lock (_gate) return _bytes; } }
    public int Entries { get { lock (_gate) return _entries.Count; } }
    /// <summary>Entries pushed out to stay within the budget.</summary>
    public long Evictions { get { lock (_gate) return _evictions; } }

    public static long EntryBytes(Half[] rows) => (long)rows.Length * sizeof(ushort) + EntryOverhead;

    /// <summary>The rows under <paramref name="key"/>, now the most recently used; false when not in memory.</summary>
    public bool TryGet(ResidualChunkKey key, out Half[] rows)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var node)) { rows = []; return false; }
            _recency.Remove(node);
            _recency.AddFirst(node);
            rows = node.Value.Rows;
            return true;
        }
    }

    /// <summary>Keeps <paramref name="rows"/> under <paramref name="key"/> (replacing it), evicting the least recently used.</summary>
    public void Put(ResidualChunkKey key, Half[] rows)
    {
        lock (_gate)
        {
            RemoveEntry(key);
            var size = EntryBytes(rows);
            if (size > BudgetBytes) return;
            while (_bytes + size > BudgetBytes)
            {
                RemoveEntry(_recency.Last!.Value.Key);
                _evictions++;
            }
            _entries[key] = _recency.AddFirst((key, rows));
            if (!_byConversation.TryGetValue(key.Conversation, out var keys)) _byConversation[key.Conversation] = keys = [];
            keys.Add(key);
            _bytes += size;
        }
    }

    /// <summary>Drops every entry of <paramref name="conversation"/>; returns how many there were.</summary>
    public int RemoveConversation(string conversation)
    {
        lock (_gate)
        {
            if (!_byConversation.TryGetValue(conversation, out var keys)) return 0;
            var count = keys.Count;
            foreach (var key in keys.ToList()) RemoveEntry(key);
            return count;
        }
    }

    private void RemoveEntry(ResidualChunkKey key)
    {
        if (!_entries.Remove(key, out var node)) return;
        _recency.Remove(node);
        _bytes -= EntryBytes(node.Value.Rows);
        var keys = _byConversation[key.Conversation];
        keys.Remove(key);
        if (keys.Count == 0) _byConversation.Remove(key.Conversation);
    }
}
