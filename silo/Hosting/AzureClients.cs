using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Lens.Silo.Hosting;

/// <summary>
/// Azure Storage clients for LENS_AZURE_CONNECTION with short timeouts: a storage request that hangs fails after
/// 5 s per try (3 tries) instead of the SDK's 100 s, so an outage surfaces as a clear error while a call still waits.
/// </summary>
public static class AzureClients
{
    /// <summary>A blob service client.</summary>
    public static BlobServiceClient Blobs(string connection)
    {
        var options = new BlobClientOptions();
        Configure(options.Retry);
        return new BlobServiceClient(connection, options);
    }

    /// <summary>A table service client.</summary>
    public static TableServiceClient Tables(string connection)
    {
        var options = new TableClientOptions();
        Configure(options.Retry);
        return new TableServiceClient(connection, options);
    }

    private static void Configure(RetryOptions retry)
    {
        retry.MaxRetries = 2;
        retry.Mode = RetryMode.Exponential;
        retry.Delay = TimeSpan.FromMilliseconds(200);
        retry.NetworkTimeout = TimeSpan.FromSeconds(5);
    }
}
