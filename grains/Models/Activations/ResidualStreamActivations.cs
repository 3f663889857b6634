using Lens.Analyses;
using Lens.GrainInterfaces.Models;

namespace Lens.Grains.Models.Activations;

/// <summary>
/// <see cref="IActivationStore"/> of one model on one silo over the engine's two-level <see cref="ResidualStreamStore"/>
/// (a byte-bounded LRU shared by all conversations, and one chunked file per conversation read one layer at a time).
/// Conversations are named by their id in "N" format, so a conversation's file is <c>{id:N}.lrs</c>.
/// </summary>
public sealed class ResidualStreamActivations : IActivationStore, IDisposable
{
    private readonly ResidualStreamStore _store;
    // A write is a truncate then an append, and a read checks the length first: each must not interleave with another
    // call on the same conversation. Striped so that the gates stay bounded however many conversations come and go.
    private readonly object[] _gates = [.. Enumerable.Range(0, 64).Select(_ => new object())];
    private long _absent;

    /// <summary>A store for a model of <paramref name="shape"/> under <paramref name="directory"/>, with an LRU of <paramref name="memoryBudgetBytes"/>.</summary>
    public ResidualStreamActivations(string directory, ResidualStreamShape shape, long memoryBudgetBytes) =>
        _store = new ResidualStreamStore(directory, shape, memoryBudgetBytes);

    /// <summary>Layers and hidden size of the rows this store holds; recorders must be made for it.</summary>
    public ResidualStreamShape Shape => _store.Shape;

    private static string Name(Guid conversationId) => conversationId.ToString("N");

    private object Gate(Guid conversationId) => _gates[(conversationId.GetHashCode() & int.MaxValue) % _gates.Length];

    public int Length(Guid conversationId)
    {
        lock (Gate(conversationId)) return _store.Positions(Name(conversationId));
    }

    public void Write(Guid conversationId, ResidualStreamRecorder recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        var name = Name(conversationId);
        lock (Gate(conversationId))
        {
            var stored = _store.Positions(name);
            if (recorded.StartPosition > stored)
                throw new ArgumentException($"conversation {conversationId}: the recorded rows start at position {recorded.StartPosition} but only {stored} positions are stored", nameof(recorded));
            if (recorded.StartPosition < stored) _store.Truncate(name, recorded.StartPosition);
            _store.Append(name, recorded);
        }
    }

    public float[][]? Read(Guid conversationId, int start, int count, IReadOnlyList<int> layers)
    {
        var name = Name(conversationId);
        lock (Gate(conversationId))
        {
            if (start < 0 || count < 0 || start + count > _store.Positions(name))
            {
                Interlocked.Increment(ref _absent);
                return null;
            }
            return [.. layers.Select(layer => _store.Read(name, layer, start, count))];
        }
    }

    public void Persist(Guid conversationId)
    {
        var name = Name(conversationId);
        lock (Gate(conversationId))
            if (_store.Positions(name) > 0) _store.Flush(name);
    }

    public void Evict(Guid conversationId)
    {
        lock (Gate(conversationId)) _store.Evict(Name(conversationId));
    }

    public void Delete(Guid conversationId)
    {
        lock (Gate(conversationId)) _store.Delete(Name(conversationId));
    }

    /// <summary>
    /// Memory counts the LRU and the open chunks; entries are the conversations in memory; hits are chunk reads from
    /// memory, misses chunk reads from disk plus reads of positions stored nowhere (the click recomputes them).
    /// </summary>
    public CacheStatus Status()
    {
        var s = _store.Status();
        return new CacheStatus(s.MemoryBytes + s.OpenChunkBytes, s.MemoryLimitBytes, s.OpenConversations, s.Hits,
            s.Misses + Interlocked.Read(ref _absent), s.DiskBytes);
    }

    /// <summary>Writes every open chunk to its file and closes the files.</summary>
    public void Dispose() => _store.Dispose();
}
