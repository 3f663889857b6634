namespace Lens.Analyses;

/// <summary>
/// One conversation of a <see cref="ResidualStreamStore"/>: its file, and its open chunk — the rows of the chunk being
/// filled, for every slot, written to the file when the chunk is whole or on flush. The open rows grow by doubling (a
/// conversation a few tokens into a chunk holds a few rows, not a chunk), and a whole chunk's arrays go to the memory
/// level as they are. Callers hold <see cref="Gate"/>.
/// </summary>
internal sealed class ConversationResiduals(string id, ResidualStreamFile file, ResidualStreamShape shape)
{
    private const int FirstPositions = 8;
    private Half[][]? _open;      // [slot][capacity × D], loaded on the first append
    private int _openChunk, _openPositions;

    public object Gate { get; } = new();
    public string Id => id;
    public ResidualStreamFile File => file;
    public bool Closed { get; set; }
    private int ChunkPositions => file.ChunkPositions;

    public int Length => _open is null ? file.Length : _openChunk * ChunkPositions + _openPositions;
    public long OpenChunkBytes => _open is null ? 0 : _open.Sum(rows => (long)rows.Length * sizeof(ushort));

    /// <summary>The open chunk's rows of <paramref name="slot"/> when <paramref name="chunk"/> is the open one.</summary>
    public bool TryOpenChunk(int slot, int chunk, out Half[] rows)
    {
        rows = _open is not null && chunk == _openChunk ? _open[slot] : [];
        return _open is not null && chunk == _openChunk;
    }

    /// <summary>
    /// Appends the recorded rows at the end; every chunk they complete is written to the file and handed to
    /// <paramref name="sealedChunk"/> (for the memory level; the array is not used here afterwards).
    /// </summary>
    public void Append(ResidualStreamRecorder recorded, Action<int, int, Half[]> sealedChunk)
    {
        if (_open is null) Reopen();
        int d = shape.Hidden, done = 0;
        while (done < recorded.Positions)
        {
            var take = Math.Min(recorded.Positions - done, ChunkPositions - _openPositions);
            Grow(_openPositions + take);
            for (var slot = 0; slot < shape.Slots; slot++)
                recorded.Slot(slot).Slice(done * d, take * d).CopyTo(_open![slot].AsSpan(_openPositions * d));
            _openPositions += take;
            done += take;
            if (_openPositions < ChunkPositions) break;
            for (var slot = 0; slot < shape.Slots; slot++)
            {
                file.WriteChunk(slot, _openChunk, _open![slot], ChunkPositions);
                sealedChunk(slot, _openChunk, _open[slot]);
                _open[slot] = [];
            }
            _openChunk++;
            _openPositions = 0;
        }
    }

    /// <summary>Room for <paramref name="positions"/> rows per slot: doubling from a few, at most a chunk.</summary>
    private void Grow(int positions)
    {
        var d = shape.Hidden;
        if (_open![0].Length >= positions * d) return;
        var capacity = Math.Max(FirstPositions, _open[0].Length / d);
        while (capacity < positions) capacity *= 2;
        capacity = Math.Min(capacity, ChunkPositions);
        for (var slot = 0; slot < shape.Slots; slot++) Array.Resize(ref _open[slot], capacity * d);
    }

    /// <summary>Loads the file's partial last chunk (if any) as the open chunk, so appending continues it.</summary>
    private void Reopen()
    {
        _openChunk = file.Length / ChunkPositions;
        _openPositions = 0;
        _open = Enumerable.Range(0, shape.Slots).Select(_ => Array.Empty<Half>()).ToArray();
        var stored = file.Length % ChunkPositions;
        if (stored == 0) return;
        Grow(stored);
        for (var slot = 0; slot < shape.Slots; slot++)
            file.ReadChunk(slot, _openChunk, out _)!.AsSpan(0, stored * shape.Hidden).CopyTo(_open[slot]);
        _openPositions = stored;
    }

    /// <summary>Writes the open chunk's rows not yet in the file (a partial record, superseded when the chunk fills).</summary>
    public void Flush(bool durable)
    {
        if (_open is not null && _openPositions > file.PositionsOf(0, _openChunk))
            for (var slot = 0; slot < shape.Slots; slot++) file.WriteChunk(slot, _openChunk, _open[slot], _openPositions);
        if (durable) file.FlushToDisk();
    }

    /// <summary>Keeps the first <paramref name="length"/> positions; the open chunk is reloaded from the file on the next append.</summary>
    public void Truncate(int length)
    {
        Flush(durable: false);
        file.WriteTruncate(length);
        _open = null;
    }
}
