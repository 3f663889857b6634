using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lens.Analyses;

/// <summary>
/// How the store's JSON documents are written: compact, '&lt;' kept literal so dtypes read "&lt;f2", and ASCII only —
/// zarr-python 2 decodes .zarray/.zattrs/.zgroup as ASCII, so other characters (token text, "≥") become \uXXXX.
/// </summary>
internal static class ZarrJson
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Text(JsonNode node)
    {
        var json = node.ToJsonString(Options);
        var ascii = new StringBuilder(json.Length);
        // Outside strings JSON is ASCII already; inside them \uXXXX (UTF-16 units, so surrogate pairs stay pairs) is the same text.
        foreach (var c in json)
            if (c < 0x80) ascii.Append(c);
            else ascii.Append("\\u").Append(((int)c).ToString("x4"));
        return ascii.ToString();
    }
}
