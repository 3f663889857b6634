using Lens.Bench.Azure;
using Lens.Runtime.Azure.Tests.Azurite;

// Usage: AzureBench [appends] [parallel journals]; LENS_AZURE_CONNECTION targets a running account, else Azurite is started here.
var appends = args.Length > 0 ? int.Parse(args[0]) : 2000;
var journals = args.Length > 1 ? int.Parse(args[1]) : 8;
var connection = Environment.GetEnvironmentVariable("LENS_AZURE_CONNECTION");
await using var azurite = connection is null ? await AzuriteServer.StartAsync() : null;
var benchmark = new JournalBenchmark(connection ?? azurite!.ConnectionString, Console.Out);
Console.WriteLine($"Azure journal benchmark against {(azurite is null ? "LENS_AZURE_CONNECTION" : $"Azurite on 127.0.0.1:{azurite.BlobPort}")}");
await benchmark.SequentialAppendsAsync(appends);
await benchmark.BatchedAppendsAsync(appends / 4, 10);
await benchmark.ParallelAppendsAsync(journals, appends / journals);
await benchmark.TailReadAsync(appends);
