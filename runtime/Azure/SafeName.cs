using System.Text;

namespace Lens.Runtime.Azure;

/// <summary>
/// Turns arbitrary ids (<c>conversation/abc</c>, <c>x:y@z</c>) into blob-name segments: letters, digits,
/// <c>-</c> and <c>_</c> stay; every other UTF-8 byte becomes <c>~XX</c>. Injective, so two ids never share a blob.
/// </summary>
public static class SafeName
{
    /// <summary>Escapes <paramref name="id"/>.</summary>
    public static string Escape(string id)
    {
        var builder = new StringBuilder(id.Length);
        foreach (var b in Encoding.UTF8.GetBytes(id))
        {
            if (b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'_')
                builder.Append((char)b);
            else
                builder.Append('~').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }

    /// <summary>Base64url without padding: a compact key for Table storage, which forbids <c>/ \ # ?</c>.</summary>
    public static string TableKey(string id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(id)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
