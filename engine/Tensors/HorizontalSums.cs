using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Lens.Engine.Tensors;

/// <summary>
/// The horizontal sums of sixteen AVX-512 vectors as one vector, lane i holding the sum of input i: a tree of 128-bit
/// block shuffles, in-block unpacks and adds (~45 instructions where sixteen separate sums take ~400). For kernels that
/// finish sixteen dot products at once (a decode tile's accumulators, sixteen keys' attention scores).
/// </summary>
internal static class HorizontalSums
{
    /// <summary>Where the tree leaves input i: lane 4·(i mod 4) + i / 4 (the 4×4 index transposed).</summary>
    private static readonly Vector512<int> InOrder = Vector512.Create(0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Of16(
        Vector512<float> v0, Vector512<float> v1, Vector512<float> v2, Vector512<float> v3, Vector512<float> v4, Vector512<float> v5, Vector512<float> v6, Vector512<float> v7,
        Vector512<float> v8, Vector512<float> v9, Vector512<float> v10, Vector512<float> v11, Vector512<float> v12, Vector512<float> v13, Vector512<float> v14, Vector512<float> v15)
    {
        // Blocks: pairs → [a0+a2, a1+a3, b0+b2, b1+b3]; then fours → block j holds 4 partial sums of input j.
        var u0 = Quads(Halves(v0, v1), Halves(v2, v3));
        var u1 = Quads(Halves(v4, v5), Halves(v6, v7));
        var u2 = Quads(Halves(v8, v9), Halves(v10, v11));
        var u3 = Quads(Halves(v12, v13), Halves(v14, v15));
        // In each block, the four lanes of u0..u3 summed: lane 4b + k = input 4k + b; then put back in input order.
        var p = Avx512F.UnpackLow(u0, u1) + Avx512F.UnpackHigh(u0, u1);
        var q = Avx512F.UnpackLow(u2, u3) + Avx512F.UnpackHigh(u2, u3);
        return Avx512F.PermuteVar16x32(Avx512F.Shuffle(p, q, 0x44) + Avx512F.Shuffle(p, q, 0xEE), InOrder);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Halves(Vector512<float> a, Vector512<float> b) => Avx512F.Shuffle4x128(a, b, 0x44) + Avx512F.Shuffle4x128(a, b, 0xEE);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Quads(Vector512<float> s, Vector512<float> t) => Avx512F.Shuffle4x128(s, t, 0x88) + Avx512F.Shuffle4x128(s, t, 0xDD);
}
