using Lens.Bench;

// Prints grain-call throughput and latency (same silo, cross-silo, external client; 32 callers) and the failover time
// after kill -9 of a silo process. LENS_BENCH_SECONDS: time per call figure (default 5); LENS_BENCH_KILLS: failover
// rounds (default 3). The failover figure needs Azurite (AZURITE_BIN, or .tools/ next to Cluster.sln).
var seconds = int.TryParse(Environment.GetEnvironmentVariable("LENS_BENCH_SECONDS"), out var s) ? s : 5;
var kills = int.TryParse(Environment.GetEnvironmentVariable("LENS_BENCH_KILLS"), out var k) ? k : 3;
Console.WriteLine($"Lens cluster benchmark on Orleans: {Environment.ProcessorCount} cores, {seconds} s per call figure");
foreach (var line in await CallBenchmarks.RunAsync(TimeSpan.FromSeconds(seconds))) Console.WriteLine(line);
Console.WriteLine(await FailoverBenchmark.RunAsync(kills));
