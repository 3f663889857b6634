namespace Lens.Runtime.Azure.Rest;

/// <summary>One REST call before signing: everything SharedKey covers, kept as plain data so it can be signed and tested.</summary>
public sealed class StorageRequest
{
    /// <summary>Creates a request for <paramref name="uri"/>; query parameters belong in <see cref="Query"/>.</summary>
    public StorageRequest(HttpMethod method, Uri uri)
    {
        Method = method;
        Uri = uri;
    }

    /// <summary>The HTTP method.</summary>
    public HttpMethod Method { get; }

    /// <summary>Endpoint plus escaped path, without query.</summary>
    public Uri Uri { get; }

    /// <summary>Query parameters, unescaped.</summary>
    public SortedDictionary<string, string> Query { get; } = new(StringComparer.Ordinal);

    /// <summary>Request headers other than Content-Type/Content-Length (If-Match, x-ms-*, Range...).</summary>
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The body; empty for none.</summary>
    public ReadOnlyMemory<byte> Content { get; init; }

    /// <summary>The body's content type, if any.</summary>
    public string? ContentType { get; init; }

    /// <summary>The full URI including the escaped query string.</summary>
    public Uri FullUri => Query.Count == 0
        ? Uri
        : new Uri(Uri.AbsoluteUri + "?" + string.Join("&", Query.Select(q => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(q.Value))));
}
