using System.Security.Cryptography;
using System.Text;

namespace Lens.Runtime.Azure.Rest;

/// <summary>
/// Computes the SharedKey Authorization header (HMAC-SHA256 over a canonical string) for the Blob and Table
/// services, as the Azure Storage REST reference defines it.
/// </summary>
public sealed class SharedKeySigner(StorageAccount account)
{
    /// <summary>The string the Blob service signs (version 2015-02-21 and later: a zero Content-Length is empty).</summary>
    public string BlobStringToSign(StorageRequest request)
    {
        var length = request.Content.Length == 0 ? "" : request.Content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var builder = new StringBuilder()
            .Append(request.Method.Method).Append('\n')
            .Append(Header(request, "Content-Encoding")).Append('\n')
            .Append(Header(request, "Content-Language")).Append('\n')
            .Append(length).Append('\n')
            .Append(Header(request, "Content-MD5")).Append('\n')
            .Append(request.ContentType ?? "").Append('\n')
            .Append(Header(request, "Date")).Append('\n')
            .Append(Header(request, "If-Modified-Since")).Append('\n')
            .Append(Header(request, "If-Match")).Append('\n')
            .Append(Header(request, "If-None-Match")).Append('\n')
            .Append(Header(request, "If-Unmodified-Since")).Append('\n')
            .Append(Header(request, "Range")).Append('\n');

        foreach (var header in request.Headers
                     .Where(h => h.Key.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
                     .Select(h => (Name: h.Key.ToLowerInvariant(), Value: h.Value.Trim()))
                     .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            builder.Append(header.Name).Append(':').Append(header.Value).Append('\n');
        }

        builder.Append('/').Append(account.Name).Append(request.Uri.AbsolutePath);
        foreach (var (name, value) in request.Query.OrderBy(q => q.Key.ToLowerInvariant(), StringComparer.Ordinal))
        {
            builder.Append('\n').Append(name.ToLowerInvariant()).Append(':').Append(value);
        }
        return builder.ToString();
    }

    /// <summary>The string the Table service signs: verb, MD5, type, date and the resource (plus <c>comp</c> only).</summary>
    public string TableStringToSign(StorageRequest request)
    {
        var resource = "/" + account.Name + request.Uri.AbsolutePath;
        if (request.Query.TryGetValue("comp", out var comp)) resource += "?comp=" + comp;
        return string.Join('\n',
            request.Method.Method,
            Header(request, "Content-MD5"),
            request.ContentType ?? "",
            Header(request, "x-ms-date"),
            resource);
    }

    /// <summary>The Authorization header value for <paramref name="stringToSign"/>.</summary>
    public string Authorization(string stringToSign)
    {
        var signature = HMACSHA256.HashData(account.Key, Encoding.UTF8.GetBytes(stringToSign));
        return $"SharedKey {account.Name}:{Convert.ToBase64String(signature)}";
    }

    private static string Header(StorageRequest request, string name) => request.Headers.GetValueOrDefault(name) ?? "";
}
