using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Lens.Cli.Bench;

/// <summary>
/// The machine's copy bandwidth with a given number of threads, STREAM "Copy" convention: bytes read + bytes
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

    private static void Fill(byte* p, long bytes, byte value)
    {
        for (long o = 0; o < bytes; o += int.MaxValue) new Span<byte>(p + o, (int)Math.Min(int.MaxValue, bytes - o)).Fill(value);
    }
}
