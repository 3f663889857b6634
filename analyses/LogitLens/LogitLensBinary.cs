using System.Buffers.Binary;

namespace Lens.Analyses;

/// <summary>
/// Compact form of a logit lens, little-endian: a 24-byte header (magic "LLB1", version, k, layer count, positions,
/// tracked total, flags) then layers i32[A], input ids i32[T], top ids i32[A·T·k], top probs f16[A·T·k],
/// entropy f16[A·T], next rank i32[A·T], next prob f16[A·T], and with tracking: counts i32[T], ids i32[N],
/// probs f16[Σ_t A·n_t] ([t][a][n]).
/// </summary>
public static class LogitLensBinary
{
    private const uint Magic = 0x3142_4C4C; // "LLB1"
    private const ushort Version = 1;
    public const int HeaderBytes = 24;

    /// <summary>Bytes of the arrays alone, without the header.</summary>
    public static long PayloadBytes(LogitLensResult r)
    {
        long a = r.Layers.Length, t = r.Positions, cells = a * t, n = r.TrackedCount;
        var bytes = 4 * a + 4 * t + cells * r.TopK * (4 + 2) + cells * (2 + 4 + 2);
        if (r.TrackedIds is not null) bytes += 4 * t + 4 * n + 2 * a * n;
        return bytes;
    }

    public static long Write(Stream stream, LogitLensResult r)
    {
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(Version);
        w.Write((ushort)r.TopK);
        w.Write(r.Layers.Length);
        w.Write(r.Positions);
        w.Write(r.TrackedCount);
        w.Write(r.TrackedIds is null ? 0 : 1);
        Ints(w, r.Layers); Ints(w, r.InputIds); Ints(w, r.TopIds); Halves(w, r.TopProbs);
        Halves(w, r.Entropy); Ints(w, r.NextRank); Halves(w, r.NextProb);
        if (r.TrackedIds is not null && r.TrackedProbs is not null)
        {
            Ints(w, r.TrackedIds.Select(x => x.Length).ToArray());
            foreach (var ids in r.TrackedIds) Ints(w, ids);
            foreach (var probs in r.TrackedProbs) Halves(w, probs);
        }
        w.Flush();
        return HeaderBytes + PayloadBytes(r);
    }

    public static LogitLensResult Read(Stream stream)
    {
        using var rd = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (rd.ReadUInt32() != Magic) throw new InvalidDataException("not a logit-lens binary file (bad magic)");
        if (rd.ReadUInt16() != Version) throw new InvalidDataException("unsupported logit-lens binary version");
        int k = rd.ReadUInt16(), a = rd.ReadInt32(), t = rd.ReadInt32(), total = rd.ReadInt32(), flags = rd.ReadInt32();
        var layers = Ints(rd, a);
        var ids = Ints(rd, t);
        var topIds = Ints(rd, a * t * k);
        var topProbs = Halves(rd, a * t * k);
        var entropy = Halves(rd, a * t);
        var nextRank = Ints(rd, a * t);
        var nextProb = Halves(rd, a * t);
        int[][]? trackedIds = null;
        float[][]? trackedProbs = null;
        if ((flags & 1) != 0)
        {
            var counts = Ints(rd, t);
            if (counts.Sum() != total) throw new InvalidDataException("tracked counts do not add up to the header's total");
            trackedIds = counts.Select(c => Ints(rd, c)).ToArray();
            trackedProbs = counts.Select(c => Halves(rd, a * c)).ToArray();
        }
        return new LogitLensResult
        {
            InputIds = ids, Layers = layers, TopK = k, TopIds = topIds, TopProbs = topProbs, Entropy = entropy,
            NextRank = nextRank, NextProb = nextProb, TrackedIds = trackedIds, TrackedProbs = trackedProbs,
        };
    }

    private static void Ints(BinaryWriter w, int[] values) { foreach (var v in values) w.Write(v); }
    private static void Halves(BinaryWriter w, float[] values) { foreach (var v in values) w.Write((Half)v); }

    private static int[] Ints(BinaryReader r, int count)
    {
        var bytes = r.ReadBytes(count * 4);
        if (bytes.Length != count * 4) throw new InvalidDataException("logit-lens binary file is truncated");
        var result = new int[count];
        for (var i = 0; i < count; i++) result[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(i * 4));
        return result;
    }

    private static float[] Halves(BinaryReader r, int count)
    {
        var bytes = r.ReadBytes(count * 2);
        if (bytes.Length != count * 2) throw new InvalidDataException("logit-lens binary file is truncated");
        var result = new float[count];
        for (var i = 0; i < count; i++) result[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes.AsSpan(i * 2));
        return result;
    }
}
