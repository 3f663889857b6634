using Lens.Bench;

// Product figures on one co-hosted silo serving stories260K: clicks (cached and not), caching cost, memory per
// conversation, decode throughput by concurrent streams. Run with -c Release; pass a model folder to use another.
var model = args.Length > 0 ? args[0] : BenchCluster.FindStories260K();
await using var cluster = await BenchCluster.StartAsync(model);
var bench = new ProductBenchmarks(cluster);
await bench.DecodeThroughput([1, 4, 8], maxNewTokens: 128);
await bench.CachedClicks(users: 20, clicksPerUser: 50);
await bench.UncachedClicks(clicks: 40);
bench.CachingCost(tokens: 100, repeats: 200);
await bench.MemoryForConversations(count: 10, maxNewTokens: 200);
