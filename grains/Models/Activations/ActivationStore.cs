using Lens.GrainInterfaces.Models;

namespace Lens.Grains.Models.Activations;

/// <summary>
/// <see cref="IActivationStore"/> of one model on one silo: whole conversations in memory, least recently used evicted
/// past the byte bound (written to their file first), and read back from the file on the next use.
/// </summary>
public sealed class ActivationStore : IActivationStore
{
    private readonly object _gate = new();
    private readonly Dictionary<Guid, Entry> _memory = [];
    private readonly int _layers, _hidden, _rowValues;
    private readonly long _limit;
    private readonly string _directory;
    private long _memoryBytes, _hits, _misses, _clock;

    private sealed class Entry
    {
        public Half[] Rows = [];
        public int Length;
        public int Persisted;
        public long LastUse;
        public long Bytes => (long)Rows.Length * 2;
    }

    /// <summary>A store for a model of <paramref name="layers"/> × <paramref name="hidden"/> under <paramref name="directory"/>.</summary>
    public ActivationStore(string directory, int layers, int hidden, long memoryLimitBytes)
    {
        _directory = directory;
        _layers = layers;
        _hidden = hidden;
        _rowValues = layers * hidden;
        _limit = memoryLimitBytes;
        Directory.CreateDirectory(directory);
    }

    public int Length(Guid conversationId)
    {
        lock (_gate) return _memory.TryGetValue(conversationId, out var e) ? e.Length : File(conversationId).Length();
    }

    public void Write(Guid conversationId, int start, ReadOnlySpan<Half> rows)
    {
        if (rows.Length % _rowValues != 0) throw new ArgumentException($"rows must be whole positions of {_layers}×{_hidden} values");
        lock (_gate)
        {
            var e = Load(conversationId) ?? Add(conversationId, new Entry());
            if (start > e.Length) throw new ArgumentException($"rows start at position {start} but only {e.Length} positions are stored");
            var length = start + rows.Length / _rowValues;
            if ((long)length * _rowValues > e.Rows.Length)
            {
                var grown = new Half[Math.Max((long)length * _rowValues, e.Rows.Length * 2L)];
                e.Rows.AsSpan(0, start * _rowValues).CopyTo(grown);
                _memoryBytes += (grown.Length - e.Rows.Length) * 2L;
                e.Rows = grown;
            }
            rows.CopyTo(e.Rows.AsSpan(start * _rowValues));
            e.Length = length;
            e.Persisted = Math.Min(e.Persisted, start);
            e.LastUse = ++_clock;
            Shrink(keep: conversationId);
        }
    }

    public float[][]? Read(Guid conversationId, int start, int count, IReadOnlyList<int> layers)
    {
        lock (_gate)
        {
            var e = Load(conversationId);
            if (e is null || start < 0 || start + count > e.Length) { _misses++; return null; }
            _hits++;
            e.LastUse = ++_clock;
            var result = new float[layers.Count][];
            for (var a = 0; a < layers.Count; a++)
            {
                var values = result[a] = new float[count * _hidden];
                for (var t = 0; t < count; t++)
                {
                    var row = e.Rows.AsSpan(((start + t) * _layers + layers[a]) * _hidden, _hidden);
                    for (var d = 0; d < _hidden; d++) values[t * _hidden + d] = (float)row[d];
                }
            }
            return result;
        }
    }

    public void Persist(Guid conversationId)
    {
        lock (_gate) if (_memory.TryGetValue(conversationId, out var e)) Persist(conversationId, e);
    }

    public void Evict(Guid conversationId)
    {
        lock (_gate) if (_memory.TryGetValue(conversationId, out var e)) Drop(conversationId, e);
    }

    public void Delete(Guid conversationId)
    {
        lock (_gate)
        {
            if (_memory.Remove(conversationId, out var e)) _memoryBytes -= e.Bytes;
            File(conversationId).Delete();
        }
    }

    public CacheStatus Status()
    {
        lock (_gate)
        {
            var disk = Directory.EnumerateFiles(_directory, "*.resid").Sum(f => new FileInfo(f).Length);
            return new CacheStatus(_memoryBytes, _limit, _memory.Count, _hits, _misses, disk);
        }
    }

    private ActivationFile File(Guid id) => new(Path.Combine(_directory, $"{id:N}.resid"), _layers, _hidden);

    // The conversation in memory, read back from its file when it was evicted; null when stored nowhere.
    private Entry? Load(Guid id)
    {
        if (_memory.TryGetValue(id, out var e)) return e;
        var file = File(id);
        if (file.Length() == 0) return null;
        var rows = file.ReadAll();
        return Add(id, new Entry { Rows = rows, Length = rows.Length / _rowValues, Persisted = rows.Length / _rowValues });
    }

    private Entry Add(Guid id, Entry e)
    {
        e.LastUse = ++_clock;
        _memory[id] = e;
        _memoryBytes += e.Bytes;
        Shrink(keep: id);
        return e;
    }

    private void Shrink(Guid keep)
    {
        while (_memoryBytes > _limit && _memory.Count > 1)
        {
            var (id, oldest) = _memory.Where(x => x.Key != keep).MinBy(x => x.Value.LastUse);
            Drop(id, oldest);
        }
    }

    private void Drop(Guid id, Entry e)
    {
        Persist(id, e);
        _memory.Remove(id);
        _memoryBytes -= e.Bytes;
    }

    private void Persist(Guid id, Entry e)
    {
        if (e.Persisted == e.Length && File(id).Length() == e.Length) return;
        File(id).Write(e.Persisted, e.Rows.AsSpan(e.Persisted * _rowValues, (e.Length - e.Persisted) * _rowValues));
        e.Persisted = e.Length;
    }
}
