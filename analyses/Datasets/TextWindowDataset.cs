namespace Lens.Analyses;

/// <summary>
/// Plain text files (in name order) tokenized and cut into non-overlapping windows of a fixed length; tokens run on
/// across files and a last window shorter than the length is dropped. With a BOS id each window starts with it.
/// </summary>
public sealed class TextWindowDataset(IReadOnlyList<string> files, ITextCodec codec, int length, int? bos) : ITokenDataset
{
    public IEnumerable<TokenSample> Samples()
    {
        var body = bos is null ? length : length - 1;
        if (body < 1) throw new ArgumentException($"context length {length} is too short for a text window");
        var totalBytes = Math.Max(1, files.Sum(f => new FileInfo(f).Length));
        long doneBytes = 0;
        var pending = new List<int>();
        var index = 0;
        foreach (var file in files)
        {
            pending.AddRange(codec.Encode(File.ReadAllText(file), addSpecialTokens: false));
            doneBytes += new FileInfo(file).Length;
            var used = 0;
            for (; pending.Count - used >= body; used += body)
            {
                var window = bos is { } b ? [b, .. pending.GetRange(used, body)] : pending.GetRange(used, body).ToArray();
                yield return new TokenSample(index++, window, (double)doneBytes / totalBytes);
            }
            pending.RemoveRange(0, used);
        }
    }
}
