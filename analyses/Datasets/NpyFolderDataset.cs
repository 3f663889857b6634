namespace Lens.Analyses;

/// <summary>A folder of .npy token arrays in file-name order; a 2-D file contributes one sample per row.</summary>
public sealed class NpyFolderDataset(string folder) : ITokenDataset
{
    public IEnumerable<TokenSample> Samples()
    {
        var files = Directory.GetFiles(folder, "*.npy").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0) throw new InvalidDataException($"{folder}: no .npy files");
        var index = 0;
        for (var f = 0; f < files.Length; f++)
            foreach (var row in NpyArray.ReadIntRows(files[f]))
                yield return new TokenSample(index++, row, (f + 1.0) / files.Length);
    }
}
