namespace Lens.Engine.IO;

/// <summary>A tensor's raw elements in place (mapped file or owned memory), row-major.</summary>
public readonly unsafe struct TensorView(byte* pointer, TensorDType dtype, long[] shape)
{
    public byte* Pointer { get; } = pointer;
    public TensorDType DType { get; } = dtype;
    public long[] Shape { get; } = shape;
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>Copies the elements to float32 (for small tensors: norms, biases).</summary>
    public float[] ToFloatArray()
    {
        var result = new float[checked((int)ElementCount)];
        Numerics.ConvertToFloat(Pointer, DType, result);
        return result;
    }
}
