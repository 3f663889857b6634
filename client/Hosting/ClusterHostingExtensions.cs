using Lens.Silo.Configuration;
using Lens.Silo.Hosting;
using Lens.Silo.Telemetry;
using Orleans.Dashboard;

namespace Lens.Client.Hosting;

/// <summary>Gives the web process grain access: a silo in the process, or a client of an external cluster.</summary>
public static class ClusterHostingExtensions
{
    /// <summary>
    /// With <paramref name="coHost"/>, adds a whole silo (<see cref="LensSiloExtensions.AddLensSilo"/>); otherwise an
    /// Orleans client that finds gateways like a silo finds peers and connects in the background. Either way
    /// <see cref="IClusterClient"/>, <see cref="IGrainFactory"/>, <see cref="IClusterConnection"/>, the
    /// <paramref name="settings"/> and the model catalog are in the container.
    /// </summary>
    public static void AddLensCluster(this WebApplicationBuilder builder, LensSettings settings, bool coHost)
    {
        if (coHost)
        {
            builder.AddLensSilo(settings);
            builder.Services.AddSingleton<IClusterConnection, CoHostedSiloConnection>();
            return;
        }
        builder.Services.AddLensSettings(settings);
        var before = builder.Services.Where(d => d.ServiceType == typeof(IHostedService)).ToHashSet();
        builder.UseOrleansClient(client => client
            .UseLensClustering(settings)
            .UseFastFailover()
            .UseConnectionRetryFilter<ClusterConnectionRetry>()
            .AddDashboard());
        DeferClientStart(builder.Services, before);
        builder.AddLensTelemetry();
    }

    // Orleans registers its client as a hosted service that blocks host start-up until a gateway answers; it is
    // swapped for a wrapper that starts it in the background instead.
    private static void DeferClientStart(IServiceCollection services, HashSet<ServiceDescriptor> before)
    {
        var added = services.Where(d => d.ServiceType == typeof(IHostedService) && !before.Contains(d)).ToList();
        if (added.Count != 1)
            throw new InvalidOperationException($"Expected Orleans to register one client hosted service, found {added.Count}; the background start needs revisiting for this Orleans version.");
        var orleans = added[0];
        services.Remove(orleans);
        services.AddSingleton(sp => new BackgroundClusterClientStart(
            (IHostedService)(orleans.ImplementationInstance ?? orleans.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, orleans.ImplementationType!)),
            sp.GetRequiredService<ILogger<BackgroundClusterClientStart>>()));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<BackgroundClusterClientStart>());
        services.AddSingleton<IClusterConnection>(sp => sp.GetRequiredService<BackgroundClusterClientStart>());
    }
}
