using Lens.Bench;

// Product figures for stories260K: on one co-hosted silo driven through its grains (clicks cached and not, caching
// cost, memory per conversation, decode throughput by concurrent streams), then clicks over HTTP against the real web
// process. Run with -c Release; pass a model folder to use another.
var model = args.Length > 0 ? args[0] : BenchCluster.FindStories260K();
var pause = TimeSpan.FromMilliseconds(100);
await using (var cluster = await BenchCluster.StartAsync(model))
{
    var bench = new ProductBenchmarks(cluster);
    await bench.DecodeThroughput([1, 4, 8], maxNewTokens: 128);
    await bench.CachedClicks(users: 20, clicksPerUser: 200, pause);
    await bench.UncachedClicks(clicks: 40);
    bench.CachingCost(tokens: 100, repeats: 200);
    await bench.MemoryForConversations(count: 10, maxNewTokens: 200);
}
// The per-user rate limit (50/s by default) would refuse back-to-back clicking; the bench raises it to measure the silo.
await using (var web = await WebProcess.StartAsync(model, requestsPerSecond: 100_000))
    await new WebClicks(web).Run(users: 20, clicksPerUser: 200, pause);
