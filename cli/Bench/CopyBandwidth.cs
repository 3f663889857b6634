using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Lens.Cli.Bench;

/// <summary>
/// The machine's memory bandwidth. <see cref="MeasureGBps"/>: copy bandwidth with a given number of threads, STREAM "Copy" convention: bytes read + bytes
/// written per second, over buffers far larger than the caches. Median of several repetitions.
/// </summary>
public static unsafe class CopyBandwidth
{
    public static double MeasureGBps(int threads, long bytes = 512L << 20, int repetitions = 7)
    {
        var source = (byte*)NativeMemory.AlignedAlloc((nuint)bytes, 4096);
        var target = (byte*)NativeMemory.AlignedAlloc((nuint)bytes, 4096);
        try
        {
            Fill(source, bytes, 1); Fill(target, bytes, 0);
            var samples = new List<double>();
            for (var r = 0; r < repetitions + 1; r++)
            {
                var clock = Stopwatch.StartNew();
                Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
                {
                    var slice = bytes / threads;
                    Buffer.MemoryCopy(source + i * slice, target + i * slice, slice, slice);
                });
                var seconds = clock.Elapsed.TotalSeconds;
                if (r > 0) samples.Add(2.0 * bytes / seconds / 1e9); // first pass warms the pages
            }
            samples.Sort();
            return samples[samples.Count / 2];
        }
        finally
        {
            NativeMemory.AlignedFree(source);
            NativeMemory.AlignedFree(target);
        }
    }

    /// <summary>Pure streaming-read bandwidth (bytes read per second), the rate decode actually needs.</summary>
    public static double MeasureReadGBps(int threads, long bytes = 512L << 20, int repetitions = 7)
    {
        var source = (float*)NativeMemory.AlignedAlloc((nuint)bytes, 4096);
        try
        {
            Fill((byte*)source, bytes, 0);
            var samples = new List<double>();
            var floats = bytes / sizeof(float);
            for (var r = 0; r < repetitions + 1; r++)
            {
                var clock = Stopwatch.StartNew();
                Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
                {
                    var slice = floats / threads;
                    var sum = 0f;
                    for (long o = i * slice; o < (i + 1) * slice; o += 1 << 20)
                        sum += System.Numerics.Tensors.TensorPrimitives.Sum(new ReadOnlySpan<float>(source + o, (int)Math.Min(1 << 20, (i + 1) * slice - o)));
                    GC.KeepAlive(sum);
                });
                if (r > 0) samples.Add(bytes / clock.Elapsed.TotalSeconds / 1e9);
            }
            samples.Sort();
            return samples[samples.Count / 2];
        }
        finally { NativeMemory.AlignedFree(source); }
    }

    private static void Fill(byte* p, long bytes, byte value)
    {
        for (long o = 0; o < bytes; o += int.MaxValue) new Span<byte>(p + o, (int)Math.Min(int.MaxValue, bytes - o)).Fill(value);
    }
}
