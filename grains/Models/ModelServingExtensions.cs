using Lens.Grains.Models.Serving;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lens.Grains.Models;

/// <summary>Wires model serving into a silo.</summary>
public static class ModelServingExtensions
{
    /// <summary>
    /// Adds <see cref="LocalModels"/> (serving the <c>IReadOnlyList&lt;ModelSource&gt;</c> registered by the host, if any),
    /// the batched forward pass and the periodic <see cref="ModelReporter"/>.
    /// </summary>
    public static IServiceCollection AddLensModelServing(this IServiceCollection services, Action<ModelServingOptions>? configure = null)
    {
        if (configure is not null) services.Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IBatchedForward, EngineBatchedForward>();
        services.TryAddSingleton<LocalModels>();
        services.TryAddSingleton<ModelReporter>();
        services.AddHostedService(sp => sp.GetRequiredService<ModelReporter>());
        return services;
    }
}
