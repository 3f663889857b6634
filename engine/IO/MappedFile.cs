using System.IO.MemoryMappedFiles;

namespace Lens.Engine.IO;

/// <summary>A read-only memory map of a whole file; weights are used in place from it (no second copy in memory).</summary>
public sealed unsafe class MappedFile : IDisposable
{
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private bool _disposed;

    public string Path { get; }
    public long Length { get; }
    public byte* Pointer { get; }

    private MappedFile(string path, long length, MemoryMappedFile map, MemoryMappedViewAccessor view)
    {
        Path = path; Length = length; _map = map; _view = view;
        byte* p = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
        Pointer = p + _view.PointerOffset;
    }

    public static MappedFile Open(string path)
    {
        if (!File.Exists(path)) throw new ModelFormatException($"{path}: file not found");
        var length = new FileInfo(path).Length;
        if (length == 0) throw new ModelFormatException($"{path}: file is empty (truncated)");
        var map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        var view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        return new MappedFile(path, length, map, view);
    }

    public ReadOnlySpan<byte> Span(long offset, int length) => new(Pointer + offset, length);

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _map.Dispose();
    }
}
