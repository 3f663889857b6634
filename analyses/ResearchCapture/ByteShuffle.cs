namespace Lens.Analyses;

/// <summary>The numcodecs "shuffle" filter: item i's byte j goes to j·count + i (all first bytes, then all second bytes, …).</summary>
public static class ByteShuffle
{
    public static byte[] Shuffle(ReadOnlySpan<byte> raw, int itemSize)
    {
        var count = raw.Length / itemSize;
        var result = new byte[raw.Length];
        for (var i = 0; i < count; i++)
            for (var j = 0; j < itemSize; j++) result[j * count + i] = raw[i * itemSize + j];
        return result;
    }

    public static byte[] Unshuffle(ReadOnlySpan<byte> shuffled, int itemSize)
    {
        var count = shuffled.Length / itemSize;
        var result = new byte[shuffled.Length];
        for (var i = 0; i < count; i++)
            for (var j = 0; j < itemSize; j++) result[i * itemSize + j] = shuffled[j * count + i];
        return result;
    }
}
