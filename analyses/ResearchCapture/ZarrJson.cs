using System.Text.Encodings.Web;
using System.Text.Json;

namespace Lens.Analyses;

/// <summary>How the store's JSON documents are written: compact, and with '&lt;' kept literal so dtypes read "&lt;f2", not "\u003Cf2".</summary>
internal static class ZarrJson
{
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
