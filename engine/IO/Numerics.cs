using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Lens.Engine.IO;

/// <summary>Element conversions between stored dtypes and float32.</summary>
public static unsafe class Numerics
{
    public static void ConvertToFloat(byte* source, TensorDType dtype, Span<float> destination)
    {
        switch (dtype)
        {
            case TensorDType.F32:
                new ReadOnlySpan<float>(source, destination.Length).CopyTo(destination);
                break;
            case TensorDType.F16:
                TensorPrimitives.ConvertToSingle(new ReadOnlySpan<Half>(source, destination.Length), destination);
                break;
            case TensorDType.BF16:
                WidenBFloat16((ushort*)source, destination);
                break;
        }
    }

    /// <summary>bfloat16 is the upper half of a float32: widen each 16-bit value and shift it into place.</summary>
    private static void WidenBFloat16(ushort* source, Span<float> destination)
    {
        var i = 0;
        fixed (float* target = destination)
        {
            if (Avx512F.IsSupported)
                for (; i + 16 <= destination.Length; i += 16)
                    Avx512F.ShiftLeftLogical(Avx512F.ConvertToVector512UInt32(Vector256.Load(source + i)), 16).AsSingle().Store(target + i);
            else if (Avx2.IsSupported)
                for (; i + 8 <= destination.Length; i += 8)
                    Avx2.ShiftLeftLogical(Avx2.ConvertToVector256Int32(Vector128.Load(source + i)), 16).AsSingle().Store(target + i);
        }
        for (; i < destination.Length; i++) destination[i] = BitConverter.Int32BitsToSingle(source[i] << 16);
    }

    /// <summary>Round-to-nearest-even float32 → bfloat16 (NaN kept quiet).</summary>
    public static ushort ToBFloat16(float value)
    {
        var bits = (uint)BitConverter.SingleToInt32Bits(value);
        if (float.IsNaN(value)) return (ushort)((bits >> 16) | 0x40);
        var rounding = 0x7FFFu + ((bits >> 16) & 1);
        return (ushort)((bits + rounding) >> 16);
    }
}
