using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Lens.Engine.IO;

/// <summary>
/// A whole file read into <see cref="HugePageMemory"/>. Each chunk's page-cache pages are dropped once copied, so the
/// process never holds the file twice.
/// </summary>
public sealed unsafe partial class HugePageFile : WeightFile
{
    private const int Chunk = 64 << 20;
    private const int FadviseDontNeed = 4;
    private byte* _pointer;

    public override byte* Pointer => _pointer;
    public override WeightResidency Residency => WeightResidency.HugePages;

    private HugePageFile(string path, long length, byte* pointer) : base(path, length) => _pointer = pointer;

    internal static HugePageFile Read(string path, long length)
    {
        if (!HugePageMemory.Supported)
            throw new NotSupportedException($"{path}: huge-page residency needs Linux with transparent huge pages enabled (/sys/kernel/mm/transparent_hugepage/enabled); use mapped weights");
        var memory = HugePageMemory.Allocate(length);
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
            for (long offset = 0; offset < length;)
            {
                var got = RandomAccess.Read(handle, new Span<byte>(memory + offset, (int)Math.Min(Chunk, length - offset)), offset);
                if (got <= 0) throw new ModelFormatException($"{path}: file shrank while being read ({offset} of {length} bytes)");
                DropCache(handle, offset, got);
                offset += got;
            }
            return new HugePageFile(path, length, memory);
        }
        catch
        {
            HugePageMemory.Free(memory);
            throw;
        }
    }

    private static void DropCache(SafeFileHandle handle, long offset, long length) =>
        Fadvise((int)handle.DangerousGetHandle(), offset, length, FadviseDontNeed);

    public override void Dispose()
    {
        if (_pointer == null) return;
        HugePageMemory.Free(_pointer);
        _pointer = null;
    }

    [LibraryImport("libc", EntryPoint = "posix_fadvise")]
    private static partial int Fadvise(int fd, long offset, long length, int advice);
}
