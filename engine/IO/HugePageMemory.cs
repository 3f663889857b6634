using System.Runtime.InteropServices;

namespace Lens.Engine.IO;

/// <summary>Native memory aligned to 2 MB and advised for transparent huge pages before its first touch (Linux).</summary>
public static unsafe partial class HugePageMemory
{
    public const nuint PageSize = 2 << 20;
    private const int MadviseHugePage = 14, MadviseNoHugePage = 15;

    /// <summary>Linux with transparent huge pages not switched off.</summary>
    public static bool Supported { get; } = OperatingSystem.IsLinux() && ThpEnabled();

    /// <summary>Bytes rounded up to whole huge pages; falls back to plain pages where they are not <see cref="Supported"/>.</summary>
    public static byte* Allocate(long bytes) => Allocate(bytes, MadviseHugePage);

    /// <summary>The same size and alignment, advised to stay in 4 KB pages (for measuring what huge pages change).</summary>
    public static byte* AllocateSmallPages(long bytes) => Allocate(bytes, MadviseNoHugePage);

    private static byte* Allocate(long bytes, int advice)
    {
        var size = ((nuint)bytes + PageSize - 1) / PageSize * PageSize;
        var memory = (byte*)NativeMemory.AlignedAlloc(size, PageSize);
        if (Supported) Madvise((nint)memory, size, advice);
        return memory;
    }

    public static void Free(byte* memory) => NativeMemory.AlignedFree(memory);

    private static bool ThpEnabled()
    {
        try { return !File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled").Contains("[never]"); }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}
