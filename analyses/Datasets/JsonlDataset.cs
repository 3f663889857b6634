using System.Text;
using System.Text.Json;

namespace Lens.Analyses;

/// <summary>A JSON Lines file of <c>{"ids": [...]}</c> objects, one sample per non-empty line.</summary>
public sealed class JsonlDataset(string path) : ITokenDataset
{
    public IEnumerable<TokenSample> Samples()
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        var total = Math.Max(1, reader.BaseStream.Length);
        long consumed = 0;
        var index = 0;
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            consumed += Encoding.UTF8.GetByteCount(line) + 1;
            if (string.IsNullOrWhiteSpace(line)) continue;
            int[] ids;
            try
            {
                using var doc = JsonDocument.Parse(line);
                if (!doc.RootElement.TryGetProperty("ids", out var array) || array.ValueKind != JsonValueKind.Array)
                    throw new InvalidDataException($"{path}:{lineNumber}: expected an object with an \"ids\" array");
                ids = array.EnumerateArray().Select(e => e.GetInt32()).ToArray();
            }
            catch (JsonException e) { throw new InvalidDataException($"{path}:{lineNumber}: {e.Message}"); }
            yield return new TokenSample(index++, ids, Math.Min(1.0, (double)consumed / total));
        }
    }
}
