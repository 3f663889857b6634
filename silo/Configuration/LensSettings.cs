using System.Globalization;
using System.Net;
using Lens.Grains.Models;

namespace Lens.Silo.Configuration;

/// <summary>
/// How a Lens process joins the cluster. Read from configuration: the LENS_* environment variables (or command-line
/// <c>--LENS_X value</c>) win over the <c>Lens</c> section of appsettings.json (<c>Lens:SiloPort</c> and so on).
/// </summary>
/// <param name="Storage">LENS_STORAGE: <c>file</c> (default) or <c>azure</c>.</param>
/// <param name="AzureConnection">LENS_AZURE_CONNECTION: the storage account connection string; required for azure.</param>
/// <param name="DataDirectory">LENS_DATA_DIR: the file store's folder (default <c>.lens-data</c> under the current directory), as a full path.</param>
/// <param name="ClusterId">LENS_CLUSTER_ID: silos and clients with the same id form one cluster (default <c>lens</c>).</param>
/// <param name="SiloPort">LENS_SILO_PORT: silo-to-silo port (default 11111).</param>
/// <param name="GatewayPort">LENS_GATEWAY_PORT: the port clients connect to (default 30000).</param>
/// <param name="Host">LENS_HOST: the address the silo and gateway ports bind to (default 127.0.0.1).</param>
/// <param name="AdvertisedHost">LENS_ADVERTISED_HOST: the address (or DNS name) other silos and clients reach this silo at; default <paramref name="Host"/>, or this machine's first IPv4 address when binding to 0.0.0.0.</param>
/// <param name="Models">LENS_MODELS: the models this silo holds and advertises.</param>
/// <param name="Datasets">
/// LENS_DATASETS: folders research runs read datasets from (<c>;</c>-separated, each must exist), searched before the
/// built-in ones; default <c>datasets</c> under <paramref name="DataDirectory"/>.
/// </param>
public sealed record LensSettings(
    StorageKind Storage,
    string? AzureConnection,
    string DataDirectory,
    string ClusterId,
    int SiloPort,
    int GatewayPort,
    IPAddress Host,
    string? AdvertisedHost,
    IReadOnlyList<ModelSource> Models,
    IReadOnlyList<string>? Datasets = null)
{
    /// <summary>The Orleans service id: fixed, so storage written by one deployment is found by the next.</summary>
    public const string ServiceId = "lens";

    /// <summary>Reads and validates the settings.</summary>
    /// <param name="configuration">The process configuration.</param>
    /// <param name="contentRoot">Where to start looking for the repository (for the default model), besides the current directory.</param>
    /// <exception cref="LensConfigurationException">A setting is malformed; the message names it.</exception>
    public static LensSettings From(IConfiguration configuration, string? contentRoot = null)
    {
        var storage = Read(configuration, "LENS_STORAGE", "Storage")?.ToLowerInvariant() switch
        {
            null or "" or "file" => StorageKind.File,
            "azure" => StorageKind.Azure,
            var other => throw new LensConfigurationException($"LENS_STORAGE must be 'file' or 'azure', not '{other}'."),
        };
        var azure = Read(configuration, "LENS_AZURE_CONNECTION", "AzureConnection");
        if (storage == StorageKind.Azure && string.IsNullOrWhiteSpace(azure))
            throw new LensConfigurationException("LENS_STORAGE=azure needs LENS_AZURE_CONNECTION (an Azure Storage connection string, e.g. UseDevelopmentStorage=true for a local Azurite).");
        var siloPort = Port(configuration, "LENS_SILO_PORT", "SiloPort", 11111);
        var gatewayPort = Port(configuration, "LENS_GATEWAY_PORT", "GatewayPort", 30000);
        if (siloPort == gatewayPort)
            throw new LensConfigurationException($"LENS_SILO_PORT and LENS_GATEWAY_PORT must differ; both are {siloPort}.");
        var host = Read(configuration, "LENS_HOST", "Host") ?? "127.0.0.1";
        var data = Path.GetFullPath(Read(configuration, "LENS_DATA_DIR", "DataDirectory") ?? ".lens-data");
        return new LensSettings(
            storage,
            azure,
            data,
            Read(configuration, "LENS_CLUSTER_ID", "ClusterId") ?? "lens",
            siloPort,
            gatewayPort,
            IPAddress.TryParse(host, out var address) ? address : throw new LensConfigurationException($"LENS_HOST must be an IP address to bind to (e.g. 127.0.0.1 or 0.0.0.0), not '{host}'."),
            Read(configuration, "LENS_ADVERTISED_HOST", "AdvertisedHost"),
            ModelCatalog.Resolve(Read(configuration, "LENS_MODELS", "Models"), contentRoot),
            DatasetFolders(Read(configuration, "LENS_DATASETS", "Datasets"), data));
    }

    private static string[] DatasetFolders(string? text, string dataDirectory)
    {
        if (text is null) return [Path.Combine(dataDirectory, "datasets")]; // may not exist yet: runs then name it when a file is missing
        var folders = text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Path.GetFullPath).ToArray();
        foreach (var folder in folders)
            if (!Directory.Exists(folder)) throw new LensConfigurationException($"LENS_DATASETS names '{folder}', which is not a folder on this silo.");
        return folders;
    }

    /// <summary>A LENS_* value: the environment/command-line name first, then <c>Lens:{key}</c>.</summary>
    public static string? Read(IConfiguration configuration, string name, string key) =>
        configuration[name] ?? configuration[$"Lens:{key}"];

    /// <summary>A port setting (1–65535), or <paramref name="fallback"/> when unset.</summary>
    public static int Port(IConfiguration configuration, string name, string key, int fallback, bool allowZero = false)
    {
        var text = Read(configuration, name, key);
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535 && (port > 0 || allowZero)
            ? port
            : throw new LensConfigurationException($"{name} must be a port number {(allowZero ? 0 : 1)}–65535, not '{text}'.");
    }

    /// <summary>A true/false setting, or <paramref name="fallback"/> when unset.</summary>
    public static bool Flag(IConfiguration configuration, string name, string key, bool fallback)
    {
        var text = Read(configuration, name, key);
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        return bool.TryParse(text, out var value) ? value : throw new LensConfigurationException($"{name} must be true or false, not '{text}'.");
    }
}
