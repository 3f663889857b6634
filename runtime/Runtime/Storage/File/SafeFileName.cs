using System.Security.Cryptography;
using System.Text;

namespace Lens.Runtime.Storage.File;

/// <summary>Maps any id to a portable, collision-free file name (percent-escaping; long ids hashed).</summary>
internal static class SafeFileName
{
    public static string For(string id)
    {
        var sb = new StringBuilder(id.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(id))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        if (sb.Length <= 120) return sb.ToString();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..16];
        return sb.ToString(0, 100) + "~" + hash;
    }
}
