using System.IO.Compression;
using System.Text.Json;
using Lens.GrainInterfaces.Research;
using Lens.Grains.Research.Running;

namespace Lens.Grains.Research.Export;

/// <summary>
/// Writes a run's export zip: <c>run.json</c> (the run with its pinned settings), <c>results.json</c>,
/// <c>results.csv</c> and, for a capture, every store of the items done under <c>capture/</c>.
/// </summary>
internal static class ResearchExport
{
    public static void Write(string zipPath, ResearchRunInfo run, ResearchResults results, string runFolder)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(zipPath)!);
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create);
        Text(zip, "run.json", JsonSerializer.Serialize(run, ResearchJson.Options));
        Text(zip, "results.json", JsonSerializer.Serialize(results, ResearchJson.Options));
        Text(zip, "results.csv", ResearchCsv.Write(results));
        foreach (var item in results.Capture?.PerPrompt ?? [])
        {
            var store = Path.Combine(runFolder, item.Store);
            if (!Directory.Exists(store))
                throw new InvalidOperationException($"the capture store of item {item.Index} is missing at {store}: the run's output folder must be shared by every silo");
            foreach (var file in Directory.EnumerateFiles(store, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                zip.CreateEntryFromFile(file, item.Store + "/" + Path.GetRelativePath(store, file).Replace('\\', '/'), CompressionLevel.NoCompression);
        }
    }

    private static void Text(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open());
        writer.Write(text);
    }
}
