namespace Lens.Hub.Tests.Fake;

/// <summary>One request the fake hub received, with the headers the tests look at.</summary>
public sealed record HubRequest(string Method, string Host, string Path, string? Authorization, string? Range)
{
    public bool IsCdn => Path.StartsWith("/cdn/", StringComparison.Ordinal);
}
