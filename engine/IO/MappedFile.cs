using System.IO.MemoryMappedFiles;

namespace Lens.Engine.IO;

/// <summary>A read-only memory map of a whole file; weights are used in place from the page cache.</summary>
public sealed unsafe class MappedFile : WeightFile
{
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _pointer;
    private bool _disposed;

    public override byte* Pointer => _pointer;
    public override WeightResidency Residency => WeightResidency.Mapped;

    private MappedFile(string path, long length, MemoryMappedFile map, MemoryMappedViewAccessor view) : base(path, length)
    {
        _map = map; _view = view;
        byte* p = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
        _pointer = p + _view.PointerOffset;
    }

    internal static MappedFile Open(string path, long length)
    {
        var map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        var view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        return new MappedFile(path, length, map, view);
    }

    public override void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _map.Dispose();
    }
}
