using System.Runtime.InteropServices;

namespace Lens.Engine.Tensors;

/// <summary>64-byte aligned unmanaged floats, for weights the engine must rearrange (e.g. GPT-2 Conv1D transposed).</summary>
public sealed unsafe class NativeBuffer : IDisposable
{
    public float* Pointer { get; private set; }
    public long Length { get; }

    public NativeBuffer(long length)
    {
        Length = length;
        Pointer = (float*)NativeMemory.AlignedAlloc((nuint)(length * sizeof(float)), 64);
    }

    public Span<float> Span => new(Pointer, checked((int)Length));

    public void Dispose()
    {
        if (Pointer == null) return;
        NativeMemory.AlignedFree(Pointer);
        Pointer = null;
    }
}
