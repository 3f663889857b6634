using Lens.Silo;

namespace Lens.Client;

/// <summary>Client process settings: the silo settings plus the API port and whether to co-host a silo.</summary>
public sealed record ClientSettings(SiloSettings Silo, bool CoHost, int HttpPort)
{
    /// <summary>Reads LENS_COHOST (default: true with the file store) and LENS_HTTP_PORT (default 5080).</summary>
    public static ClientSettings From(IConfiguration configuration)
    {
        var silo = SiloSettings.From(configuration);
        var coHost = configuration["LENS_COHOST"] ?? configuration["Lens:CoHost"];
        return new ClientSettings(
            silo,
            coHost is null ? silo.Storage == "file" : bool.Parse(coHost),
            int.TryParse(configuration["LENS_HTTP_PORT"] ?? configuration["Lens:HttpPort"], out var port) ? port : 5080);
    }
}
