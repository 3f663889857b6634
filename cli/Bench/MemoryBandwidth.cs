using System.Diagnostics;
using System.Numerics.Tensors;
using Lens.Engine.IO;

namespace Lens.Cli.Bench;

/// <summary>
/// The machine's memory bandwidth over buffers far larger than the caches, in 2 MB huge pages (the best the machine
/// does, and what huge-page weights get) or in 4 KB pages (what a plain STREAM run or a memory map gets).
/// <see cref="CopyGBps"/> counts STREAM "Copy" style (bytes read + bytes written per second); <see cref="ReadGBps"/>
/// counts a pure streaming read, the access decode makes. Each call is the median of a few passes, so a bench can
/// sample it between its own runs.
/// </summary>
public sealed unsafe class MemoryBandwidth : IDisposable
{
    private const long Bytes = 512L << 20;
    private readonly int _threads;
    private readonly byte* _source, _target;

    public MemoryBandwidth(int threads, bool hugePages)
    {
        _threads = threads;
        _source = hugePages ? HugePageMemory.Allocate(Bytes) : HugePageMemory.AllocateSmallPages(Bytes);
        _target = hugePages ? HugePageMemory.Allocate(Bytes) : HugePageMemory.AllocateSmallPages(Bytes);
        Fill(_source, 1); Fill(_target, 0); // first touch outside the timing
    }

    public double CopyGBps(int passes = 3) => Median(passes, 2.0 * Bytes, slice =>
        Buffer.MemoryCopy(_source + slice.Start, _target + slice.Start, slice.Length, slice.Length));

    public double ReadGBps(int passes = 3) => Median(passes, Bytes, slice =>
    {
        var sum = 0f;
        for (var o = slice.Start; o < slice.Start + slice.Length; o += 1 << 22)
            sum += TensorPrimitives.Sum(new ReadOnlySpan<float>(_source + o, (int)Math.Min(1 << 22, slice.Start + slice.Length - o) / sizeof(float)));
        GC.KeepAlive(sum);
    });

    private double Median(int passes, double bytesMoved, Action<(long Start, long Length)> body)
    {
        var samples = new List<double>();
        for (var p = 0; p < passes; p++)
        {
            var clock = Stopwatch.StartNew();
            Parallel.For(0, _threads, new ParallelOptions { MaxDegreeOfParallelism = _threads }, i =>
            {
                var slice = Bytes / _threads;
                body((i * slice, slice));
            });
            samples.Add(bytesMoved / clock.Elapsed.TotalSeconds / 1e9);
        }
        return Bench.Median.Of(samples);
    }

    private static void Fill(byte* p, byte value)
    {
        for (long o = 0; o < Bytes; o += int.MaxValue) new Span<byte>(p + o, (int)Math.Min(int.MaxValue, Bytes - o)).Fill(value);
    }

    public void Dispose()
    {
        HugePageMemory.Free(_source);
        HugePageMemory.Free(_target);
    }
}
