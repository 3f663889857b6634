using Lens.Bench;

// Prints call throughput (local and cross-silo) and event-append throughput (file and in-memory stores).
// LENS_BENCH_SECONDS sets the time per figure (default 3).
var seconds = int.TryParse(Environment.GetEnvironmentVariable("LENS_BENCH_SECONDS"), out var s) ? s : 3;
foreach (var line in await ClusterBenchmarks.RunAllAsync(TimeSpan.FromSeconds(seconds))) Console.WriteLine(line);
