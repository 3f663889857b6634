namespace Lens.Engine.IO;

/// <summary>The bytes of one model file, held as its <see cref="WeightResidency"/> says; tensors are pointers into them.</summary>
public abstract unsafe class WeightFile : IDisposable
{
    /// <summary>Files smaller than this (fixtures, toy models) stay mapped under <see cref="WeightResidency.Auto"/>: decode is not spent streaming them.</summary>
    private const long HugePageThreshold = 32L << 20;

    public string Path { get; }
    public long Length { get; }
    public abstract byte* Pointer { get; }
    public abstract WeightResidency Residency { get; }

    protected WeightFile(string path, long length) { Path = path; Length = length; }

    public static WeightFile Open(string path, WeightResidency residency = WeightResidency.Mapped)
    {
        if (!File.Exists(path)) throw new ModelFormatException($"{path}: file not found");
        // A hub cache snapshot file is a symlink to its blob: measure the file it points at, not the link.
        var info = new FileInfo(path);
        var length = (info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info).Length;
        if (length == 0) throw new ModelFormatException($"{path}: file is empty (truncated)");
        if (residency == WeightResidency.Auto)
            residency = length >= HugePageThreshold && HugePageMemory.Supported ? WeightResidency.HugePages : WeightResidency.Mapped;
        return residency == WeightResidency.HugePages ? HugePageFile.Read(path, length) : MappedFile.Open(path, length);
    }

    public ReadOnlySpan<byte> Span(long offset, int length) => new(Pointer + offset, length);

    public abstract void Dispose();
}
