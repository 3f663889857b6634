using Lens.Runtime.Storage;
using Lens.Runtime.Storage.File;
using Lens.Runtime.Storage.InMemory;
using Microsoft.Extensions.DependencyInjection;

namespace Lens.Runtime.Hosting;

/// <summary>Registers a storage provider (the one <see cref="IClusterStorage"/> of a silo or client).</summary>
public static class StorageExtensions
{
    /// <summary>The embedded file store under <paramref name="dataDirectory"/>.</summary>
    public static IServiceCollection UseFileStorage(this IServiceCollection services, string dataDirectory) =>
        services.AddSingleton<IClusterStorage>(new FileClusterStorage(dataDirectory));

    /// <summary>In-memory storage (shared only within the process).</summary>
    public static IServiceCollection UseInMemoryStorage(this IServiceCollection services, InMemoryClusterStorage? storage = null) =>
        services.AddSingleton<IClusterStorage>(storage ?? new InMemoryClusterStorage());

    /// <summary>A given storage instance (tests, decorators).</summary>
    public static IServiceCollection UseStorage(this IServiceCollection services, IClusterStorage storage) =>
        services.AddSingleton(storage);
}
