using Microsoft.Win32.SafeHandles;

namespace Lens.Analyses;

/// <summary>
/// The disk level of the activation cache: one append-only file per conversation. Each record holds one slot (layer) of
/// one chunk of positions, fp16 compressed on its own, so reading one layer of one chunk reads one record and
/// decompresses nothing else; an index of the latest record per (slot, chunk) is built on open from the record headers
/// alone. A chunk's record is rewritten as the chunk fills (the latest wins); truncation is a record too. Crash safety:
/// a torn tail (incomplete header or payload, or a damaged last record) is detected on open and cut off; every read
/// checks its record's CRC. Not thread-safe: <see cref="ResidualStreamStore"/> serialises access per conversation.
/// </summary>
public sealed class ResidualStreamFile : IDisposable
{
    private readonly SafeFileHandle _handle;
    private readonly ResidualStreamShape _shape;
    // (slot, chunk) → the latest record and how many of its positions are still valid (a truncation may cut it short)
    private readonly Dictionary<(int Slot, int Chunk), (long Offset, ResidualRecordHeader Header, int Valid)> _index = new();
    private long _end;

    public string Path { get; }
    public int ChunkPositions { get; }
    /// <summary>Positions stored for every layer.</summary>
    public int Length { get; private set; }
    public long DiskBytes => _end;
    /// <summary>Bytes read from the file by chunk reads since it was opened (record headers scanned on open excluded).</summary>
    public long BytesRead { get; private set; }
    /// <summary>Bytes of a torn tail cut off when the file was opened.</summary>
    public long DiscardedTailBytes { get; }

    private ResidualStreamFile(string path, SafeFileHandle handle, ResidualStreamShape shape, int chunkPositions, long discarded)
    {
        Path = path; _handle = handle; _shape = shape; ChunkPositions = chunkPositions; DiscardedTailBytes = discarded;
    }

    /// <summary>Opens (or creates) <paramref name="path"/>, checking it was written for the same shape and chunk length.</summary>
    public static ResidualStreamFile Open(string path, ResidualStreamShape shape, int chunkPositions)
    {
        var handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            var length = RandomAccess.GetLength(handle);
            var header = new byte[ResidualFileHeader.Size];
            if (length < ResidualFileHeader.Size) // new, or torn while being created: nothing was stored yet
            {
                new ResidualFileHeader(shape.Layers, shape.Hidden, chunkPositions).Write(header);
                RandomAccess.SetLength(handle, 0);
                RandomAccess.Write(handle, header, 0);
                return new ResidualStreamFile(path, handle, shape, chunkPositions, length) { _end = ResidualFileHeader.Size };
            }
            RandomAccess.Read(handle, header, 0);
            var found = ResidualFileHeader.Read(header, path);
            if (found != new ResidualFileHeader(shape.Layers, shape.Hidden, chunkPositions))
                throw new InvalidDataException($"{path}: written for {found.Layers} layers × hidden {found.Hidden} in chunks of {found.ChunkPositions} positions, this cache holds {shape.Layers} layers × hidden {shape.Hidden} in chunks of {chunkPositions}");
            var records = Scan(handle, length, out var end);
            if (end < length) RandomAccess.SetLength(handle, end);
            var file = new ResidualStreamFile(path, handle, shape, chunkPositions, length - end) { _end = end };
            foreach (var (offset, record) in records) file.Apply(offset, record);
            return file;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Whole records up to the first torn one; the last record's payload is checked too (the one a crash tears).</summary>
    private static List<(long Offset, ResidualRecordHeader Header)> Scan(SafeFileHandle handle, long length, out long end)
    {
        var records = new List<(long, ResidualRecordHeader)>();
        var buffer = new byte[ResidualRecordHeader.Size];
        end = ResidualFileHeader.Size;
        while (end + ResidualRecordHeader.Size <= length)
        {
            if (RandomAccess.Read(handle, buffer, end) < buffer.Length || !ResidualRecordHeader.TryRead(buffer, out var header)) break;
            var next = end + ResidualRecordHeader.Size + header.CompressedLength;
            if (next > length) break;
            records.Add((end, header));
            end = next;
        }
        if (records.Count > 0 && records[^1].Item2 is { IsTruncate: false } last && !PayloadIntact(handle, records[^1].Item1, last))
        {
            end = records[^1].Item1;
            records.RemoveAt(records.Count - 1);
        }
        return records;
    }

    private static bool PayloadIntact(SafeFileHandle handle, long offset, ResidualRecordHeader header)
    {
        var payload = new byte[header.CompressedLength];
        return RandomAccess.Read(handle, payload, offset + ResidualRecordHeader.Size) == payload.Length && Crc32C.Compute(payload) == header.PayloadCrc;
    }

    private void Apply(long offset, ResidualRecordHeader record)
    {
        if (record.IsTruncate)
        {
            foreach (var key in _index.Keys.ToList())
            {
                var (at, header, valid) = _index[key];
                var keep = record.FirstPosition - key.Chunk * ChunkPositions;
                if (keep <= 0) _index.Remove(key);
                else if (keep < valid) _index[key] = (at, header, keep);
            }
        }
        else if (record.Slot < _shape.Slots && record.Positions <= ChunkPositions && record.FirstPosition % ChunkPositions == 0)
            _index[(record.Slot, record.FirstPosition / ChunkPositions)] = (offset, record, record.Positions);
        Length = Covered();
    }

    /// <summary>Positions present for every slot: whole chunks from 0, then the partial one.</summary>
    private int Covered()
    {
        var length = int.MaxValue;
        for (var slot = 0; slot < _shape.Slots && length > 0; slot++)
        {
            var covered = 0;
            for (var chunk = 0; _index.TryGetValue((slot, chunk), out var entry); chunk++)
            {
                covered += entry.Valid;
                if (entry.Valid < ChunkPositions) break;
            }
            length = Math.Min(length, covered);
        }
        return length;
    }

    /// <summary>Positions of <paramref name="chunk"/> stored for <paramref name="slot"/> (0 when none).</summary>
    public int PositionsOf(int slot, int chunk) => _index.TryGetValue((slot, chunk), out var e) ? e.Valid : 0;

    /// <summary>Writes the first <paramref name="positions"/> rows [positions × D] of one slot of one chunk.</summary>
    public void WriteChunk(int slot, int chunk, ReadOnlySpan<Half> rows, int positions)
    {
        if (positions < 1 || positions > ChunkPositions || rows.Length < positions * _shape.Hidden)
            throw new ArgumentException($"a chunk record holds 1..{ChunkPositions} positions of {_shape.Hidden} values, got {positions} positions and {rows.Length} values");
        var payload = Fp16Codec.Compress(rows[..(positions * _shape.Hidden)]);
        Append(new ResidualRecordHeader(false, slot, chunk * ChunkPositions, positions, payload.Length, Crc32C.Compute(payload)), payload);
    }

    /// <summary>Keeps only the first <paramref name="length"/> positions (a rewound conversation).</summary>
    public void WriteTruncate(int length) => Append(new ResidualRecordHeader(true, 0, length, 0, 0, Crc32C.Compute([])), []);

    private void Append(ResidualRecordHeader header, byte[] payload)
    {
        var record = new byte[ResidualRecordHeader.Size + payload.Length];
        header.Write(record);
        payload.CopyTo(record, ResidualRecordHeader.Size);
        RandomAccess.Write(_handle, record, _end);
        var offset = _end;
        _end += record.Length;
        Apply(offset, header);
    }

    /// <summary>The stored rows of one slot of one chunk [positions × D], or null when nothing is stored for it.</summary>
    public Half[]? ReadChunk(int slot, int chunk, out int positions)
    {
        positions = 0;
        if (!_index.TryGetValue((slot, chunk), out var entry)) return null;
        var (offset, header, valid) = entry;
        var payload = new byte[header.CompressedLength];
        var read = RandomAccess.Read(_handle, payload, offset + ResidualRecordHeader.Size);
        BytesRead += read;
        var what = $"{Path} @ {offset} (slot {slot}, positions {header.FirstPosition}..{header.FirstPosition + header.Positions - 1})";
        if (read != payload.Length || Crc32C.Compute(payload) != header.PayloadCrc) throw new InvalidDataException($"{what}: damaged record (checksum mismatch)");
        var values = Fp16Codec.Decompress(payload, header.Positions * _shape.Hidden, what);
        positions = valid;
        return valid == header.Positions ? values : values.AsSpan(0, valid * _shape.Hidden).ToArray();
    }

    /// <summary>Makes the records written so far durable (they reach the operating system as they are written).</summary>
    public void FlushToDisk() => RandomAccess.FlushToDisk(_handle);

    public void Dispose() => _handle.Dispose();
}
