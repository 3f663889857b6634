using System.Text.Json.Serialization;
using Lens.Runtime;
using Lens.Runtime.Client;
using Lens.Runtime.Messaging;
using Lens.Runtime.Storage;
using Lens.Silo;

namespace Lens.Client;

/// <summary>Wires the client: a co-hosted silo, or an external <see cref="ClusterClient"/> found through the membership table.</summary>
public static class ClientHostingExtensions
{
    /// <summary>Adds grain access (<see cref="IGrainFactory"/>) and the HTTP/1.1 API endpoint.</summary>
    public static WebApplicationBuilder AddLensClient(this WebApplicationBuilder builder)
    {
        var settings = ClientSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        if (settings.CoHost)
        {
            builder.AddLensSiloFromConfiguration();
        }
        else
        {
            builder.Services.AddLensStorage(settings.Silo);
            builder.Services.AddSingleton(sp => new ClusterClient(sp.GetRequiredService<IClusterStorage>()));
            builder.Services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<ClusterClient>());
            builder.Services.AddHostedService<ClusterClientConnection>();
        }
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Parse(settings.HttpHost), settings.HttpPort));
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        return builder;
    }

    /// <summary>Maps the silo routes when a silo is co-hosted.</summary>
    public static WebApplication MapLensClient(this WebApplication app)
    {
        if (app.Services.GetRequiredService<ClientSettings>().CoHost) app.MapLensSilo();
        return app;
    }
}
