using Lens.Runtime.Azure;
using Lens.Runtime.Hosting;

namespace Lens.Silo;

/// <summary>Wires a silo from <see cref="SiloSettings"/>.</summary>
public static class SiloConfigurationExtensions
{
    /// <summary>Adds the silo and its storage provider (<c>file</c>, <c>azure</c> or <c>memory</c>).</summary>
    public static WebApplicationBuilder AddLensSiloFromConfiguration(this WebApplicationBuilder builder)
    {
        var settings = SiloSettings.From(builder.Configuration);
        builder.AddLensSilo(options =>
        {
            options.Port = settings.Port;
            options.Host = settings.Host;
            options.AdvertisedHost = settings.AdvertisedHost;
            options.Capabilities.AddRange(settings.Capabilities);
            if (settings.HeartbeatPeriod is { } heartbeat) options.HeartbeatPeriod = heartbeat;
            if (settings.SuspectAfter is { } suspect) options.SuspectAfter = suspect;
            if (settings.DeathTimeout is { } death) options.DeathTimeout = death;
            if (settings.GrainAssemblies.Length > 0)
            {
                // Grains deployed next to the silo rather than compiled into it (tests, plug-ins).
                options.GrainAssemblies.AddRange(GrainAssemblies.FromEntryAssembly());
                options.GrainAssemblies.AddRange(settings.GrainAssemblies.Select(System.Reflection.Assembly.LoadFrom));
            }
        });
        builder.Services.AddLensStorage(settings);
        builder.Services.AddLensTelemetry(builder.Configuration);
        return builder;
    }

    /// <summary>Registers the configured storage provider.</summary>
    public static IServiceCollection AddLensStorage(this IServiceCollection services, SiloSettings settings) => settings.Storage switch
    {
        "file" => services.UseFileStorage(settings.DataDirectory),
        "memory" => services.UseInMemoryStorage(),
        "azure" => services.UseAzureStorage(settings.AzureConnection
            ?? throw new InvalidOperationException("LENS_STORAGE=azure needs LENS_AZURE_CONNECTION (e.g. UseDevelopmentStorage=true or an Azurite connection string).")),
        _ => throw new InvalidOperationException($"LENS_STORAGE must be file, azure or memory, not '{settings.Storage}'."),
    };
}
