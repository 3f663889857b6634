using Lens.Grains.Models;
using Lens.Grains.Placement;
using Lens.Grains.Research;
using Lens.Silo.Configuration;
using Lens.Silo.Telemetry;
using Orleans.Dashboard;

namespace Lens.Silo.Hosting;

/// <summary>The composition of a Lens silo.</summary>
public static class LensSiloExtensions
{
    /// <summary>
    /// Adds a silo configured from the LENS_* settings: clustering, storage, model placement, fast failover, the
    /// dashboard's collectors, telemetry, model serving (activation files under LENS_DATA_DIR/activations) and research
    /// runs (outputs under LENS_DATA_DIR/research);
    /// registers the settings and the model catalog (<see cref="IReadOnlyList{ModelSource}"/>).
    /// </summary>
    /// <exception cref="LensConfigurationException">A setting is malformed.</exception>
    public static LensSettings AddLensSilo(this IHostApplicationBuilder builder) =>
        builder.AddLensSilo(LensSettings.From(builder.Configuration, builder.Environment.ContentRootPath));

    /// <summary>Adds a silo configured by <paramref name="settings"/>; see <see cref="AddLensSilo(IHostApplicationBuilder)"/>.</summary>
    public static LensSettings AddLensSilo(this IHostApplicationBuilder builder, LensSettings settings)
    {
        builder.Services.AddLensSettings(settings);
        builder.Services.AddLensModelServing(o => o.ActivationDirectory = Path.Combine(settings.DataDirectory, "activations"));
        builder.AddServingLimits();
        builder.UseOrleans(silo => silo
            .UseLensClustering(settings)
            .AddLensStorage(settings)
            .AddLensCluster(settings.Models.Select(m => m.Name))
            .AddLensResearch(o =>
            {
                o.OutputDirectory = Path.Combine(settings.DataDirectory, "research");
                o.DatasetDirectories.AddRange(settings.Datasets ?? []);
            }));
        builder.AddLensTelemetry();
        return settings;
    }

    /// <summary>Registers <paramref name="settings"/> and its model catalog (<see cref="IReadOnlyList{ModelSource}"/>, which model serving reads).</summary>
    public static IServiceCollection AddLensSettings(this IServiceCollection services, LensSettings settings) => services
        .AddSingleton(settings)
        .AddSingleton<IReadOnlyList<ModelSource>>(settings.Models);

    /// <summary>
    /// What every Lens silo has whatever its clustering and storage (tests add it to in-process silos): model
    /// placement advertising <paramref name="models"/>, fast failover, the dashboard's collectors and the grain-call meter.
    /// </summary>
    public static ISiloBuilder AddLensCluster(this ISiloBuilder silo, IEnumerable<string> models) => silo
        .AddModelPlacement(models)
        .UseFastFailover()
        .AddDashboard()
        .AddIncomingGrainCallFilter<GrainCallMeter>();
}
