using System.Numerics.Tensors;
using System.Text.RegularExpressions;

namespace Lens.Analyses;

/// <summary>
/// The two-level activation cache of one model on one silo: per conversation and position, the residual stream of every
/// layer boundary in fp16, so logit lenses can be recomputed with other layers or k without a forward pass. Level 1 is
/// a <see cref="ResidualStreamCache"/> (an LRU bounded in bytes, shared by all conversations); level 2 is one
/// <see cref="ResidualStreamFile"/> per conversation in <see cref="Directory"/>, read lazily one layer of one chunk at
/// a time (a miss fills memory). Appends go to the conversation's open chunk and reach the file when the chunk is whole,
/// or on <see cref="Flush"/>/<see cref="Evict"/>/<see cref="Dispose"/>; after a crash, positions since the last
/// written chunk are gone (they are recomputable from the token ids) and the file stays readable.
/// <para>Attention is not stored: the panel's row for a clicked position comes from <see cref="AttentionRows"/>, one
/// forward pass over the token ids up to that position. Stored rows would grow with the square of the conversation
/// (L·H·T²/2 values) while recomputing one row costs one prefill, which is cheap next to the residuals it saves.</para>
/// Thread-safe: conversations are independent; calls on one conversation are serialised.
/// </summary>
public sealed partial class ResidualStreamStore : IDisposable
{
    public const string FileExtension = ".lrs";
    private readonly ResidualStreamCache _memory;
    private readonly Dictionary<string, ConversationResiduals> _open = new(StringComparer.Ordinal);
    private long _hits, _misses, _diskBytesRead;
    private bool _disposed;

    public ResidualStreamStore(string directory, ResidualStreamShape shape, long memoryBudgetBytes, int chunkPositions = 64)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Layers < 1 || shape.Hidden < 1) throw new ArgumentException($"a residual stream needs at least one layer and one hidden dimension, got {shape.Layers} × {shape.Hidden}", nameof(shape));
        if (chunkPositions < 1) throw new ArgumentOutOfRangeException(nameof(chunkPositions), chunkPositions, "a chunk holds at least one position");
        Directory = System.IO.Directory.CreateDirectory(directory).FullName;
        Shape = shape;
        ChunkPositions = chunkPositions;
        _memory = new ResidualStreamCache(memoryBudgetBytes);
    }

    public string Directory { get; }
    public ResidualStreamShape Shape { get; }
    public int ChunkPositions { get; }

    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex UsableId();

    private string PathOf(string conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        if (!UsableId().IsMatch(conversation))
            throw new ArgumentException($"conversation id '{conversation}' cannot name a cache file: use 1..128 letters, digits, '.', '_' or '-', not starting with '.'", nameof(conversation));
        return Path.Combine(Directory, conversation + FileExtension);
    }

    /// <summary>Runs <paramref name="work"/> on the conversation under its lock, opening its file (or creating it when <paramref name="create"/>).</summary>
    private T With<T>(string conversation, bool create, Func<ConversationResiduals, T> work)
    {
        var path = PathOf(conversation);
        while (true)
        {
            ConversationResiduals state;
            lock (_open)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (!_open.TryGetValue(conversation, out state!))
                {
                    if (!create && !File.Exists(path)) throw new KeyNotFoundException($"conversation '{conversation}' has no cached activations");
                    _open[conversation] = state = new ConversationResiduals(conversation, ResidualStreamFile.Open(path, Shape, ChunkPositions), Shape);
                }
            }
            lock (state.Gate)
                if (!state.Closed) return work(state); // else evicted meanwhile: open it again
        }
    }

    /// <summary>Appends what <paramref name="recorded"/> holds; it must start where the conversation's cached positions end.</summary>
    public void Append(string conversation, ResidualStreamRecorder recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        if (recorded.Shape != Shape) throw new ArgumentException($"the recorder holds {recorded.Shape.Layers} layers × hidden {recorded.Shape.Hidden}, this cache {Shape.Layers} × {Shape.Hidden}", nameof(recorded));
        if (recorded.Positions == 0) return;
        With(conversation, create: true, state =>
        {
            if (recorded.StartPosition != state.Length)
                throw new ArgumentException($"conversation '{conversation}' has {state.Length} cached positions: an append must start at {state.Length}, not {recorded.StartPosition} (truncate to rewrite)", nameof(recorded));
            state.Append(recorded, (slot, chunk, rows) => _memory.Put(new ResidualChunkKey(conversation, slot, chunk), rows));
            return 0;
        });
    }

    /// <summary>Cached positions of <paramref name="conversation"/> (0 when it has none).</summary>
    public int Positions(string conversation)
    {
        try { return With(conversation, create: false, state => state.Length); }
        catch (KeyNotFoundException) { return 0; }
    }

    /// <summary>
    /// The residual stream after <paramref name="layer"/> (<see cref="ResidualStreamShape.Embed"/> for the embedding
    /// output) at positions [<paramref name="start"/>, start + count) as float [count × D], fp16-rounded.
    /// </summary>
    public float[] Read(string conversation, int layer, int start, int count)
    {
        var slot = Shape.SlotOf(layer);
        return With(conversation, create: false, state =>
        {
            if (start < 0 || count < 0 || start + count > state.Length)
                throw new ArgumentOutOfRangeException(nameof(start), $"positions {start}..{start + count - 1} are outside conversation '{conversation}', which has {state.Length} cached positions");
            int d = Shape.Hidden;
            var result = new float[count * d];
            for (var p = start; p < start + count;)
            {
                var chunk = p / ChunkPositions;
                var rows = Chunk(state, slot, chunk);
                var offset = p - chunk * ChunkPositions;
                var take = Math.Min(start + count - p, ChunkPositions - offset);
                TensorPrimitives.ConvertToSingle(rows.AsSpan(offset * d, take * d), result.AsSpan((p - start) * d, take * d));
                p += take;
            }
            return result;
        });
    }

    private Half[] Chunk(ConversationResiduals state, int slot, int chunk)
    {
        var key = new ResidualChunkKey(state.Id, slot, chunk);
        if (state.TryOpenChunk(slot, chunk, out var rows) || _memory.TryGet(key, out rows))
        {
            Interlocked.Increment(ref _hits);
            return rows;
        }
        Interlocked.Increment(ref _misses);
        var before = state.File.BytesRead;
        rows = state.File.ReadChunk(slot, chunk, out _) ?? throw new InvalidDataException($"{state.File.Path}: no record for slot {slot}, chunk {chunk}");
        Interlocked.Add(ref _diskBytesRead, state.File.BytesRead - before);
        _memory.Put(key, rows);
        return rows;
    }

    /// <summary>Writes the conversation's open chunk to its file; <paramref name="durable"/> also waits for the disk.</summary>
    public void Flush(string conversation, bool durable = false) => With(conversation, create: false, state => { state.Flush(durable); return 0; });

    /// <summary>Keeps the first <paramref name="positions"/> cached positions (the conversation was rewound).</summary>
    public void Truncate(string conversation, int positions) => With(conversation, create: false, state =>
    {
        if (positions < 0 || positions > state.Length)
            throw new ArgumentOutOfRangeException(nameof(positions), positions, $"conversation '{conversation}' has {state.Length} cached positions: it can be truncated to 0..{state.Length}");
        state.Truncate(positions);
        _memory.RemoveConversation(conversation);
        return 0;
    });

    /// <summary>Frees the conversation's memory (its LRU entries and open chunk, after writing it); its file stays. False when it was not in memory.</summary>
    public bool Evict(string conversation) => Close(conversation, delete: false);

    /// <summary>Removes the conversation from memory and disk. False when nothing was cached for it.</summary>
    public bool Delete(string conversation) => Close(conversation, delete: true);

    private bool Close(string conversation, bool delete)
    {
        var path = PathOf(conversation);
        ConversationResiduals? state;
        lock (_open)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_open.Remove(conversation, out state))
                lock (state.Gate)
                {
                    if (!delete) state.Flush(durable: true);
                    state.Closed = true;
                    state.File.Dispose();
                }
        }
        var inMemory = _memory.RemoveConversation(conversation) > 0 || state is not null;
        if (!delete) return inMemory;
        var onDisk = File.Exists(path);
        File.Delete(path);
        return inMemory || onDisk;
    }

    public ActivationCacheStatus Status()
    {
        long openBytes;
        int openCount;
        lock (_open)
        {
            openBytes = _open.Values.Sum(s => s.OpenChunkBytes);
            openCount = _open.Count;
        }
        var files = new DirectoryInfo(Directory).EnumerateFiles("*" + FileExtension).ToList();
        return new ActivationCacheStatus(_memory.Bytes, _memory.BudgetBytes, _memory.Entries, Interlocked.Read(ref _hits), Interlocked.Read(ref _misses),
            _memory.Evictions, openBytes, openCount, files.Sum(f => f.Length), files.Count, Interlocked.Read(ref _diskBytesRead));
    }

    /// <summary>Writes every open chunk and closes the files.</summary>
    public void Dispose()
    {
        lock (_open)
        {
            if (_disposed) return;
            _disposed = true;
            foreach (var state in _open.Values)
                lock (state.Gate)
                {
                    state.Flush(durable: true);
                    state.Closed = true;
                    state.File.Dispose();
                }
            _open.Clear();
        }
    }
}
