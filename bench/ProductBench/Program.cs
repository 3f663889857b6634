using Lens.Bench;

// Product figures: on one co-hosted silo driven through its grains (clicks cached and not, caching cost, memory per
// conversation, decode throughput by concurrent streams), then clicks over HTTP against the real web process.
// Run with -c Release. Arguments: [model folder (default ../shared stories260K)] [parts, comma-separated, of
// decode,clicks,uncached,caching,memory,http (default all)].
var model = args.Length > 0 ? args[0] : Lens.Tests.TestPaths.Stories260KHf;
string[] all = ["decode", "clicks", "uncached", "caching", "memory", "http"];
var parts = args.Length > 1 ? args[1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : all;
if (parts.Except(all).ToArray() is { Length: > 0 } unknown)
{
    Console.Error.WriteLine($"unknown part(s) {string.Join(", ", unknown)}; the parts are {string.Join(",", all)}");
    return 2;
}
var pause = TimeSpan.FromMilliseconds(100);
await using (var cluster = await BenchCluster.StartAsync(model))
{
    var bench = new ProductBenchmarks(cluster);
    if (parts.Contains("decode")) await bench.DecodeThroughput([1, 4, 8], maxNewTokens: 128);
    if (parts.Contains("clicks")) await bench.CachedClicks(users: 20, clicksPerUser: 200, pause);
    if (parts.Contains("uncached")) await bench.UncachedClicks(clicks: 40);
    if (parts.Contains("caching")) bench.CachingCost(tokens: 100, repeats: 200);
    if (parts.Contains("memory")) await bench.MemoryForConversations(count: 10, maxNewTokens: 200);
}
// The per-user rate limit (50/s by default) would refuse back-to-back clicking; the bench raises it to measure the silo.
if (parts.Contains("http"))
    await using (var web = await WebProcess.StartAsync(model, requestsPerSecond: 100_000))
        await new WebClicks(web).Run(users: 20, clicksPerUser: 200, pause);
return 0;
