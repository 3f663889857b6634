using Lens.JournalBench;
using Lens.Storage.Journals.Azure;
using Lens.Storage.Journals.File;
using Lens.Tests.Azurite;

// Usage: Lens.JournalBench [sequential appends] [concurrent streams] [appends per stream]
// The file journal writes under the temp folder; Azurite is started here (AZURITE_BIN, else .tools).
var sequential = args.Length > 0 ? int.Parse(args[0]) : 2000;
var streams = args.Length > 1 ? int.Parse(args[1]) : 32;
var perStream = args.Length > 2 ? int.Parse(args[2]) : 100;

var folder = Directory.CreateTempSubdirectory("lens-journal-bench-").FullName;
try
{
    var file = new JournalBenchmark("file", () => new FileJournal(folder), Console.Out);
    await file.SequentialAsync(sequential);
    await file.ConcurrentAsync(streams, perStream);
    await file.ColdReadAsync(sequential);
}
finally
{
    Directory.Delete(folder, recursive: true);
}

await using var azurite = await AzuriteServer.StartAsync();
var azure = new JournalBenchmark("azure", () => new AzureAppendBlobJournal(azurite.ConnectionString), Console.Out);
await azure.SequentialAsync(sequential);
await azure.ConcurrentAsync(streams, perStream);
await azure.ColdReadAsync(sequential);
