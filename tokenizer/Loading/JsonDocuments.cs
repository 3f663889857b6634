using System.Text.Json;

namespace Lens.Tokenization.Loading;

internal static class JsonDocuments
{
    /// <summary>Parses a JSON file; malformed or truncated JSON is reported with the file, line and position.</summary>
    public static JsonDocument Parse(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine}): {e.Message}", e);
        }
    }
}
