using System.Globalization;
using System.Net;
using Lens.Silo.Configuration;

namespace Lens.Client.Configuration;

/// <summary>The web process's own settings, read like <see cref="LensSettings"/> (LENS_* first, then <c>Lens:*</c>).</summary>
/// <param name="HttpHost">LENS_HTTP_HOST: the address the API binds to (default 127.0.0.1; 0.0.0.0 in containers).</param>
/// <param name="HttpPort">LENS_HTTP_PORT: the API port (default 5080; 0 picks a free one).</param>
/// <param name="CoHost">LENS_COHOST: run a silo in this process (default true with file storage, false with azure).</param>
/// <param name="AuthKey">LENS_AUTH_KEY: the secret that signs access tokens (at least 16 characters); unset, a key is generated (and kept in LENS_DATA_DIR with file storage).</param>
/// <param name="TokenLifetime">LENS_AUTH_TOKEN_LIFETIME: how long a token stays valid (a TimeSpan, default 7.00:00:00).</param>
/// <param name="DashboardRequiresSignIn">LENS_DASHBOARD_AUTH: require a signed-in user on <c>/dashboard</c> (default true; false opens it to anyone who reaches the port).</param>
public sealed record WebSettings(IPAddress HttpHost, int HttpPort, bool CoHost, string? AuthKey, TimeSpan TokenLifetime, bool DashboardRequiresSignIn)
{
    /// <summary>Reads and validates the settings.</summary>
    /// <exception cref="LensConfigurationException">A setting is malformed; the message names it.</exception>
    public static WebSettings From(IConfiguration configuration, LensSettings cluster)
    {
        var host = LensSettings.Read(configuration, "LENS_HTTP_HOST", "HttpHost") ?? "127.0.0.1";
        var address = host == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(host, out var parsed) ? parsed
            : throw new LensConfigurationException($"LENS_HTTP_HOST must be an IP address to bind to (e.g. 127.0.0.1 or 0.0.0.0), not '{host}'.");
        var key = LensSettings.Read(configuration, "LENS_AUTH_KEY", "AuthKey") is { Length: > 0 } set ? set : null; // empty = unset (compose passes ${LENS_AUTH_KEY:-})
        if (key is not null && key.Length < 16)
            throw new LensConfigurationException($"LENS_AUTH_KEY must be at least 16 characters long (it has {key.Length}); use a long random string.");
        var lifetimeText = LensSettings.Read(configuration, "LENS_AUTH_TOKEN_LIFETIME", "AuthTokenLifetime");
        var lifetime = TimeSpan.FromDays(7);
        if (lifetimeText is not null && (!TimeSpan.TryParse(lifetimeText, CultureInfo.InvariantCulture, out lifetime) || lifetime <= TimeSpan.Zero))
            throw new LensConfigurationException($"LENS_AUTH_TOKEN_LIFETIME must be a positive TimeSpan such as 7.00:00:00 or 12:00:00, not '{lifetimeText}'.");
        return new WebSettings(
            address,
            LensSettings.Port(configuration, "LENS_HTTP_PORT", "HttpPort", 5080, allowZero: true),
            LensSettings.Flag(configuration, "LENS_COHOST", "CoHost", cluster.Storage == StorageKind.File),
            key,
            lifetime,
            LensSettings.Flag(configuration, "LENS_DASHBOARD_AUTH", "DashboardAuth", true));
    }
}
