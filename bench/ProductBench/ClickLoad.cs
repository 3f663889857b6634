using System.Diagnostics;

namespace Lens.Bench;

/// <summary>
/// Users clicking tokens at once: each makes its clicks one after another, a click every <c>pause</c> (zero: back to
/// back, the next as soon as the last answered), and paced users start at random offsets so they do not click in step.
/// </summary>
public static class ClickLoad
{
    /// <summary>The click latencies, the clicks per second over all users, and this process's GC pauses while they ran.</summary>
    public sealed record Result(Latencies Latencies, double PerSecond, TimeSpan GcPaused)
    {
        public override string ToString() => $"{Latencies}; {PerSecond:F0} clicks/s";

        /// <summary>With the GC pauses, for clicks served in this process.</summary>
        public string WithGc() => $"{this}; GC paused {GcPaused.TotalMilliseconds:F0} ms";
    }

    /// <param name="click">Makes user <c>u</c>'s next click, choosing its position with the user's own random.</param>
    public static async Task<Result> Run(int users, int clicksPerUser, TimeSpan pause, int seed, Func<int, Random, Task> click)
    {
        var latencies = new Latencies();
        var paused = GC.GetTotalPauseDuration();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, users).Select(async u =>
        {
            var random = new Random(seed + u);
            if (pause > TimeSpan.Zero) await Task.Delay(random.Next((int)pause.TotalMilliseconds));
            for (var k = 0; k < clicksPerUser; k++)
            {
                var start = Stopwatch.GetTimestamp();
                await click(u, random);
                var elapsed = Stopwatch.GetElapsedTime(start);
                latencies.Add(elapsed);
                if (pause > elapsed) await Task.Delay(pause - elapsed);
            }
        }));
        return new Result(latencies, users * clicksPerUser / clock.Elapsed.TotalSeconds, GC.GetTotalPauseDuration() - paused);
    }
}
