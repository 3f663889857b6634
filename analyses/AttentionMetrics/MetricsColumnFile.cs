using System.Buffers.Binary;

namespace Lens.Analyses;

/// <summary>
/// The binary columnar form of attention metrics: a 16-byte header (magic "AMC1", version, threshold as double),
/// then one block per sample: magic "SMP1", sample index, L, H, T (i32), the CSV length after that sample (i64),
/// the columns q_norm, entropy, attn_max (f32[L·H·T]) and k_eff (i32[L·H·T]) in [layer][head][position] order, and
/// the end mark "END1". Layer, head and position are implied by the order and not stored. A block without its end
/// mark is an interrupted write and is cut off on resume.
/// </summary>
public static class MetricsColumnFile
{
    public const uint FileMagic = 0x3143_4D41;  // "AMC1"
    private const uint BlockMagic = 0x3150_4D53; // "SMP1"
    private const uint EndMagic = 0x3144_4E45;   // "END1"
    public const int HeaderBytes = 16;
    private const int BlockHeaderBytes = 4 + 4 * 4 + 8;

    public static void WriteHeader(Stream s, double threshold)
    {
        Span<byte> b = stackalloc byte[HeaderBytes];
        BinaryPrimitives.WriteUInt32LittleEndian(b, FileMagic);
        BinaryPrimitives.WriteInt32LittleEndian(b[4..], 1);
        BinaryPrimitives.WriteDoubleLittleEndian(b[8..], threshold);
        s.Write(b);
    }

    public static void WriteBlock(Stream s, int sample, SampleMetrics m, long csvLength)
    {
        var n = m.Count;
        var b = new byte[BlockHeaderBytes + n * 16 + 4];
        var span = b.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, BlockMagic);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], sample);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], m.Layers);
        BinaryPrimitives.WriteInt32LittleEndian(span[12..], m.Heads);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], m.Positions);
        BinaryPrimitives.WriteInt64LittleEndian(span[20..], csvLength);
        var at = BlockHeaderBytes;
        foreach (var column in new[] { m.QueryNorm, m.Entropy, m.Max })
            foreach (var v in column) { BinaryPrimitives.WriteSingleLittleEndian(span[at..], v); at += 4; }
        foreach (var v in m.KEff) { BinaryPrimitives.WriteInt32LittleEndian(span[at..], v); at += 4; }
        BinaryPrimitives.WriteUInt32LittleEndian(span[at..], EndMagic);
        s.Write(b);
    }

    /// <summary>Scans the complete blocks of a file; null when it has no valid header.</summary>
    public static CommittedSamples? Scan(Stream s, double threshold)
    {
        Span<byte> head = stackalloc byte[HeaderBytes];
        if (s.Length < HeaderBytes || s.ReadAtLeast(head, HeaderBytes, false) < HeaderBytes) return null;
        if (BinaryPrimitives.ReadUInt32LittleEndian(head) != FileMagic) throw new InvalidDataException("not an attention-metrics file (bad magic)");
        var stored = BinaryPrimitives.ReadDoubleLittleEndian(head[8..]);
        if (stored != threshold) throw new InvalidOperationException($"the existing output was written with threshold {stored}, not {threshold}: use another --out or the same threshold");
        var result = new CommittedSamples(0, -1, HeaderBytes, -1);
        var blockHead = new byte[BlockHeaderBytes];
        var mark = new byte[4];
        while (true)
        {
            var start = s.Position;
            if (s.ReadAtLeast(blockHead, BlockHeaderBytes, false) < BlockHeaderBytes) return result;
            if (BinaryPrimitives.ReadUInt32LittleEndian(blockHead) != BlockMagic) return result;
            var sample = BinaryPrimitives.ReadInt32LittleEndian(blockHead.AsSpan(4));
            var n = (long)BinaryPrimitives.ReadInt32LittleEndian(blockHead.AsSpan(8)) * BinaryPrimitives.ReadInt32LittleEndian(blockHead.AsSpan(12)) * BinaryPrimitives.ReadInt32LittleEndian(blockHead.AsSpan(16));
            var csv = BinaryPrimitives.ReadInt64LittleEndian(blockHead.AsSpan(20));
            var end = start + BlockHeaderBytes + n * 16 + 4;
            if (n < 0 || end > s.Length) return result;
            s.Position = end - 4;
            if (s.ReadAtLeast(mark, 4, false) < 4 || BinaryPrimitives.ReadUInt32LittleEndian(mark) != EndMagic) return result;
            result = new CommittedSamples(result.Samples + 1, sample, end, csv);
        }
    }

    /// <summary>Reads every complete block back (tests, small files).</summary>
    public static IEnumerable<(int Sample, SampleMetrics Metrics)> ReadAll(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var at = HeaderBytes;
        while (at + BlockHeaderBytes <= bytes.Length)
        {
            var span = bytes.AsSpan(at);
            var sample = BinaryPrimitives.ReadInt32LittleEndian(span[4..]);
            var m = new SampleMetrics(BinaryPrimitives.ReadInt32LittleEndian(span[8..]), BinaryPrimitives.ReadInt32LittleEndian(span[12..]), BinaryPrimitives.ReadInt32LittleEndian(span[16..]));
            var p = BlockHeaderBytes;
            foreach (var column in new[] { m.QueryNorm, m.Entropy, m.Max })
                for (var i = 0; i < m.Count; i++, p += 4) column[i] = BinaryPrimitives.ReadSingleLittleEndian(span[p..]);
            for (var i = 0; i < m.Count; i++, p += 4) m.KEff[i] = BinaryPrimitives.ReadInt32LittleEndian(span[p..]);
            at += p + 4;
            yield return (sample, m);
        }
    }
}
