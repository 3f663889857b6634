using Lens.Engine.Inference;
using Lens.GrainInterfaces.Models;

namespace Lens.Grains.Models.Inspection;

/// <summary>
/// <see cref="AttentionTable"/>s of recently clicked conversations, least recently used dropped past a byte bound.
/// A conversation whose table would exceed the per-table bound gets its clicked row from a pass over its prefix instead.
/// </summary>
internal sealed class AttentionTables(Transformer model, long memoryLimitBytes, long tableLimitBytes)
{
    private readonly Dictionary<Guid, (AttentionTable Table, long LastUse)> _tables = [];
    private long _bytes, _clock;

    public long MemoryBytes { get { lock (_tables) return _bytes; } }

    /// <summary>Whether a pass over <paramref name="ids"/> should fill a table for the conversation (none covers them, and one fits).</summary>
    public bool Wants(Guid conversationId, int[] ids)
    {
        if (AttentionTable.Bytes(model.Config, ids.Length) > Math.Min(tableLimitBytes, memoryLimitBytes)) return false;
        lock (_tables) return !(_tables.TryGetValue(conversationId, out var kept) && kept.Table.Covers(ids));
    }

    /// <summary>Keeps a filled table as the conversation's.</summary>
    public void Install(Guid conversationId, AttentionTable table)
    {
        lock (_tables)
        {
            Drop(conversationId);
            _tables[conversationId] = (table, ++_clock);
            _bytes += table.Bytes();
            while (_bytes > memoryLimitBytes && _tables.Count > 1) Drop(_tables.Where(x => x.Key != conversationId).MinBy(x => x.Value.LastUse).Key);
        }
    }

    public AttentionLayer[] Rows(Guid conversationId, int[] ids, int position, IReadOnlyList<int> layers)
    {
        if (AttentionTable.Bytes(model.Config, ids.Length) > Math.Min(tableLimitBytes, memoryLimitBytes))
            return AttentionRowCapture.Measure(model, ids[..(position + 1)], layers);
        var table = Kept(conversationId, ids);
        if (table is null) Install(conversationId, table = AttentionTable.Build(model, ids));
        return table.Rows(position, layers);
    }

    /// <summary>The clicked row from the conversation's kept table, or null when no kept table covers <paramref name="ids"/>.</summary>
    public AttentionLayer[]? TryRows(Guid conversationId, int[] ids, int position, IReadOnlyList<int> layers) =>
        Kept(conversationId, ids)?.Rows(position, layers);

    private AttentionTable? Kept(Guid conversationId, int[] ids)
    {
        lock (_tables)
        {
            var table = _tables.TryGetValue(conversationId, out var kept) && kept.Table.Covers(ids) ? kept.Table : null;
            if (table is not null) _tables[conversationId] = (table, ++_clock);
            return table;
        }
    }

    public void Forget(Guid conversationId)
    {
        lock (_tables) Drop(conversationId);
    }

    private void Drop(Guid conversationId)
    {
        if (_tables.Remove(conversationId, out var gone)) _bytes -= gone.Table.Bytes();
    }
}
