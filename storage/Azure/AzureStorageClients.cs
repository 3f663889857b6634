using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Lens.Storage.Azure;

/// <summary>
/// Azure SDK clients with bounded timeouts and retries, so a hung or unreachable service fails in bounded time
/// (about <c>timeout × (retries + 1)</c> plus short back-offs) instead of the SDK's default of minutes.
/// </summary>
public static class AzureStorageClients
{
    /// <summary>A blob service client for <paramref name="connectionString"/>.</summary>
    public static BlobServiceClient Blobs(string connectionString, TimeSpan requestTimeout, int maxRetries)
    {
        var options = new BlobClientOptions();
        Configure(options.Retry, requestTimeout, maxRetries);
        return new BlobServiceClient(connectionString, options);
    }

    /// <summary>A table service client for <paramref name="connectionString"/>.</summary>
    public static TableServiceClient Tables(string connectionString, TimeSpan requestTimeout, int maxRetries)
    {
        var options = new TableClientOptions();
        Configure(options.Retry, requestTimeout, maxRetries);
        return new TableServiceClient(connectionString, options);
    }

    private static void Configure(RetryOptions retry, TimeSpan requestTimeout, int maxRetries)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(requestTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetries);
        retry.NetworkTimeout = requestTimeout;
        retry.MaxRetries = maxRetries;
        retry.Mode = RetryMode.Exponential;
        retry.Delay = TimeSpan.FromMilliseconds(200);
        retry.MaxDelay = TimeSpan.FromSeconds(2);
    }
}
