using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Lens.Grains.Research;

/// <summary>
/// Finds a run's dataset among the silo's dataset folders (<see cref="ResearchOptions.DatasetDirectories"/>, then the
/// analyses' built-in <c>Data</c> folder), and fingerprints it so a resumed run can tell the file changed under it.
/// A dataset is a name relative to a folder, or a path inside one; nothing outside them is read.
/// </summary>
public sealed class ResearchDatasets(IOptions<ResearchOptions> options)
{
    /// <summary>The folders searched, in order.</summary>
    public IReadOnlyList<string> Folders { get; } =
        [.. options.Value.DatasetDirectories.Append(Path.Combine(AppContext.BaseDirectory, "Data")).Select(d => Path.TrimEndingDirectorySeparator(Path.GetFullPath(d)))];

    /// <summary>The full path of dataset <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">It is empty, outside the folders, or in none of them (the folders are named).</exception>
    public string Resolve(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException($"dataset is required: a file in {Describe()}");
        var inside = Folders
            .Select(folder => (Folder: folder, Path: Path.GetFullPath(Path.Combine(folder, name))))
            .Where(c => c.Path.StartsWith(c.Folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ToList();
        if (inside.Count == 0) throw new ArgumentException($"dataset '{name}' is outside the dataset folders ({Describe()})");
        return inside.FirstOrDefault(c => File.Exists(c.Path)).Path
            ?? throw new ArgumentException($"dataset '{name}' was not found in {Describe()}");
    }

    /// <summary>SHA-256 of the file's bytes, as lowercase hex.</summary>
    public static string Fingerprint(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private string Describe() => string.Join(", ", Folders);
}
