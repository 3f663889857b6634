using Lens.Silo;

namespace Lens.Client;

/// <summary>Client process settings: the silo settings plus the API port and whether to co-host a silo.</summary>
public sealed record ClientSettings(SiloSettings Silo, bool CoHost, int HttpPort, string HttpHost = "127.0.0.1")
{
    /// <summary>Reads LENS_COHOST (default: true with the file store), LENS_HTTP_PORT (default 5080) and LENS_HTTP_HOST
    /// (default 127.0.0.1; 0.0.0.0 in containers).</summary>
    public static ClientSettings From(IConfiguration configuration)
    {
        var silo = SiloSettings.From(configuration);
        var coHost = configuration["LENS_COHOST"] ?? configuration["Lens:CoHost"];
        return new ClientSettings(
            silo,
            coHost is null ? silo.Storage == "file" : bool.Parse(coHost),
            int.TryParse(configuration["LENS_HTTP_PORT"] ?? configuration["Lens:HttpPort"], out var port) ? port : 5080,
            configuration["LENS_HTTP_HOST"] ?? configuration["Lens:HttpHost"] ?? "127.0.0.1");
    }
}
