using Lens.Engine.IO;

namespace Lens.Engine.Tensors;

/// <summary>A linear layer's weight [Rows = out, Cols = in], row-major, in place (mapped file or owned memory).</summary>
public readonly unsafe struct WeightMatrix(byte* pointer, TensorDType dtype, int rows, int cols)
{
    public byte* Pointer { get; } = pointer;
    public TensorDType DType { get; } = dtype;
    public int Rows { get; } = rows;
    public int Cols { get; } = cols;
    public long Bytes => (long)Rows * Cols * DType.Size();
    public byte* Row(int r) => Pointer + (long)r * Cols * DType.Size();
}
