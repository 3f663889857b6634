using Lens.Grains.Models.Serving;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lens.Grains.Models;

/// <summary>Wires model serving, and the silo-wide model weights it shares with research runs, into a silo.</summary>
public static class ModelServingExtensions
{
    /// <summary>
    /// Adds <see cref="LocalModels"/> (serving the <c>IReadOnlyList&lt;ModelSource&gt;</c> registered by the host, if any)
    /// over <see cref="LoadedModels"/>, the batched forward pass and the periodic <see cref="ModelReporter"/>.
    /// </summary>
    public static IServiceCollection AddLensModelServing(this IServiceCollection services, Action<ModelServingOptions>? configure = null)
    {
        if (configure is not null) services.Configure(configure);
        services.AddLensLoadedModels();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IBatchedForward, EngineBatchedForward>();
        services.TryAddSingleton<LocalModels>();
        services.TryAddSingleton<ModelReporter>();
        services.AddHostedService(sp => sp.GetRequiredService<ModelReporter>());
        return services;
    }

    /// <summary>
    /// Adds <see cref="LoadedModels"/>, the one cache of loaded weights that chat serving and research runs share; safe to
    /// call from each (the first registration wins). Its thread count is <see cref="ModelServingOptions.Threads"/>.
    /// </summary>
    public static IServiceCollection AddLensLoadedModels(this IServiceCollection services)
    {
        services.AddOptions<ModelServingOptions>();
        services.TryAddSingleton<LoadedModels>();
        return services;
    }
}
