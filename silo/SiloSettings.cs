namespace Lens.Silo;

/// <summary>
/// What a silo process is configured with: LENS_* environment variables win over the <c>Lens</c> section of
/// appsettings.json.
/// </summary>
public sealed record SiloSettings(string Storage, int Port, string Host, string? AdvertisedHost, string[] Capabilities, string DataDirectory, string? AzureConnection)
{
    /// <summary>Extra grain assemblies to load by path (LENS_GRAIN_ASSEMBLIES, separated by the path separator).</summary>
    public string[] GrainAssemblies { get; init; } = [];

    /// <summary>LENS_HEARTBEAT_PERIOD (TimeSpan, e.g. 00:00:00.200); null keeps the default.</summary>
    public TimeSpan? HeartbeatPeriod { get; init; }

    /// <summary>LENS_SUSPECT_AFTER.</summary>
    public TimeSpan? SuspectAfter { get; init; }

    /// <summary>LENS_DEATH_TIMEOUT.</summary>
    public TimeSpan? DeathTimeout { get; init; }

    /// <summary>Reads the settings from configuration.</summary>
    public static SiloSettings From(IConfiguration configuration)
    {
        string? Read(string env, string key) => configuration[env] ?? configuration[$"Lens:{key}"];
        return new SiloSettings(
            Storage: (Read("LENS_STORAGE", "Storage") ?? "file").ToLowerInvariant(),
            Port: int.TryParse(Read("LENS_PORT", "Port"), out var port) ? port : 11111,
            Host: Read("LENS_HOST", "Host") ?? "127.0.0.1",
            AdvertisedHost: Read("LENS_ADVERTISED_HOST", "AdvertisedHost"),
            Capabilities: (Read("LENS_CAPABILITIES", "Capabilities") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            DataDirectory: Read("LENS_DATA_DIR", "DataDirectory") ?? Path.Combine(Environment.CurrentDirectory, ".lens-data"),
            AzureConnection: Read("LENS_AZURE_CONNECTION", "AzureConnection"))
        {
            GrainAssemblies = (Read("LENS_GRAIN_ASSEMBLIES", "GrainAssemblies") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries),
            HeartbeatPeriod = Time(Read("LENS_HEARTBEAT_PERIOD", "HeartbeatPeriod")),
            SuspectAfter = Time(Read("LENS_SUSPECT_AFTER", "SuspectAfter")),
            DeathTimeout = Time(Read("LENS_DEATH_TIMEOUT", "DeathTimeout")),
        };
    }

    private static TimeSpan? Time(string? value) =>
        value is null ? null : TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
}
