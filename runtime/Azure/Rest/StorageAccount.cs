namespace Lens.Runtime.Azure.Rest;

/// <summary>A storage account as named by a connection string: name, SharedKey and service endpoints.</summary>
public sealed class StorageAccount
{
    /// <summary>The well-known account name of the storage emulator (Azurite).</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>The well-known, public key of the storage emulator (Azurite); not a secret.</summary>
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private StorageAccount(string name, byte[] key, Uri blobEndpoint, Uri tableEndpoint)
    {
        Name = name;
        Key = key;
        BlobEndpoint = blobEndpoint;
        TableEndpoint = tableEndpoint;
    }

    /// <summary>The account name; part of every signature.</summary>
    public string Name { get; }

    /// <summary>The decoded account key.</summary>
    internal byte[] Key { get; }

    /// <summary>Blob service base URI, without a trailing slash (path style for the emulator).</summary>
    public Uri BlobEndpoint { get; }

    /// <summary>Table service base URI, without a trailing slash.</summary>
    public Uri TableEndpoint { get; }

    /// <summary>An emulator connection string for Azurite listening on <paramref name="host"/>.</summary>
    public static string DevelopmentConnectionString(string host, int blobPort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName={DevelopmentAccountName};AccountKey={DevelopmentAccountKey};" +
        $"BlobEndpoint=http://{host}:{blobPort}/{DevelopmentAccountName};TableEndpoint=http://{host}:{tablePort}/{DevelopmentAccountName};";

    /// <summary>
    /// Parses an Azure Storage connection string: <c>UseDevelopmentStorage=true</c>, explicit
    /// <c>BlobEndpoint</c>/<c>TableEndpoint</c>, or <c>DefaultEndpointsProtocol</c> + <c>EndpointSuffix</c>.
    /// </summary>
    /// <exception cref="FormatException">A required part is missing or malformed.</exception>
    public static StorageAccount Parse(string connectionString)
    {
        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);

        if (parts.TryGetValue("UseDevelopmentStorage", out var dev) && dev.Equals("true", StringComparison.OrdinalIgnoreCase))
            return Parse(DevelopmentConnectionString("127.0.0.1", 10000, 10002));

        var name = Required(parts, "AccountName");
        var encodedKey = Required(parts, "AccountKey");
        byte[] key;
        try { key = Convert.FromBase64String(encodedKey); }
        catch (FormatException e) { throw new FormatException("Storage connection string: AccountKey is not base64.", e); }

        var protocol = parts.GetValueOrDefault("DefaultEndpointsProtocol") ?? "https";
        var suffix = parts.GetValueOrDefault("EndpointSuffix") ?? "core.windows.net";
        var blob = parts.GetValueOrDefault("BlobEndpoint") ?? $"{protocol}://{name}.blob.{suffix}";
        var table = parts.GetValueOrDefault("TableEndpoint") ?? $"{protocol}://{name}.table.{suffix}";
        return new StorageAccount(name, key, Endpoint(blob), Endpoint(table));
    }

    private static string Required(Dictionary<string, string> parts, string name) =>
        parts.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new FormatException($"Storage connection string: {name} is missing.");

    private static Uri Endpoint(string value) =>
        Uri.TryCreate(value.TrimEnd('/'), UriKind.Absolute, out var uri)
            ? uri
            : throw new FormatException($"Storage connection string: '{value}' is not an absolute URI.");
}
