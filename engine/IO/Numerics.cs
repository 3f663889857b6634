using System.Numerics.Tensors;

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
                var bits = new ReadOnlySpan<ushort>(source, destination.Length);
                for (var i = 0; i < bits.Length; i++) destination[i] = BitConverter.Int32BitsToSingle(bits[i] << 16);
                break;
        }
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
