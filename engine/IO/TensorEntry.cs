namespace Lens.Engine.IO;

/// <summary>One tensor of a safetensors file: where its bytes are in the mapped file.</summary>
/// <param name="DTypeName">The dtype as written in the header (may be one the engine does not compute with).</param>
/// <param name="Offset">Absolute byte offset in the file.</param>
public sealed record TensorEntry(string Name, string DTypeName, long[] Shape, long Offset, long Length, string File)
{
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";
}
