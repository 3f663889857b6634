using System.Security.Cryptography;
using System.Text;

namespace Lens.Storage;

/// <summary>
/// Turns a stream, state or grain id (such as <c>conversation/abc</c>) into a name safe for a file or blob: letters, digits,
/// '-', '_' and '.' stay, every other UTF-8 byte becomes <c>~XX</c>; long names end in a hash to stay unique and short.
/// </summary>
public static class SafeName
{
    private const int MaxLength = 180;

    /// <summary>The escaped name.</summary>
    public static string Escape(string stream)
    {
        var builder = new StringBuilder(stream.Length);
        foreach (var b in Encoding.UTF8.GetBytes(stream))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' || (c == '.' && builder.Length > 0)) builder.Append(c);
            else builder.Append('~').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        if (builder.Length <= MaxLength) return builder.ToString();
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(stream)))[..16];
        return builder.ToString(0, MaxLength - 17) + "~" + hash;
    }
}
