using Lens.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Lens.Runtime.Azure;

/// <summary>Registers the Azure provider as the cluster's <see cref="IClusterStorage"/>.</summary>
public static class AzureStorageServiceCollectionExtensions
{
    /// <summary>Stores everything in the account of <paramref name="connectionString"/> (Azurite or Azure).</summary>
    public static IServiceCollection UseAzureStorage(this IServiceCollection services, string connectionString, Action<AzureStorageOptions>? configure = null)
    {
        var options = new AzureStorageOptions { ConnectionString = connectionString };
        configure?.Invoke(options);
        Rest.StorageAccount.Parse(options.ConnectionString); // a malformed connection string fails at startup, not at first use
        return services
            .AddSingleton(_ => new AzureClusterStorage(options))
            .AddSingleton<IClusterStorage>(provider => provider.GetRequiredService<AzureClusterStorage>());
    }
}
