using System.Net;
using System.Net.Sockets;
using Lens.Silo.Configuration;
using Lens.Storage.Azure;
using Lens.Storage.Journals.Azure;
using Orleans.Configuration;

namespace Lens.Silo.Hosting;

/// <summary>How silos find each other and clients find gateways, per LENS_STORAGE.</summary>
public static class LensClusteringExtensions
{
    /// <summary>
    /// File storage: localhost clustering (one silo on this machine, ports LENS_SILO_PORT / LENS_GATEWAY_PORT on
    /// 127.0.0.1). Azure: the membership table in LENS_AZURE_CONNECTION, ports bound on LENS_HOST and advertised as
    /// LENS_ADVERTISED_HOST.
    /// </summary>
    public static ISiloBuilder UseLensClustering(this ISiloBuilder silo, LensSettings settings)
    {
        if (settings.Storage == StorageKind.File)
            return silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: LensSettings.ServiceId, clusterId: settings.ClusterId);
        silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (settings.ClusterId, LensSettings.ServiceId));
        var advertised = AdvertisedAddress(settings);
        silo.Configure<EndpointOptions>(o =>
        {
            o.AdvertisedIPAddress = advertised;
            o.SiloPort = settings.SiloPort;
            o.GatewayPort = settings.GatewayPort;
            o.SiloListeningEndpoint = new IPEndPoint(settings.Host, settings.SiloPort);
            o.GatewayListeningEndpoint = new IPEndPoint(settings.Host, settings.GatewayPort);
        });
        return silo.UseAzureStorageClustering(o => o.TableServiceClient = Tables(settings));
    }

    /// <summary>The client side: localhost gateway LENS_GATEWAY_PORT for file storage, the Azure membership table otherwise.</summary>
    public static IClientBuilder UseLensClustering(this IClientBuilder client, LensSettings settings)
    {
        if (settings.Storage == StorageKind.File)
            return client.UseLocalhostClustering(settings.GatewayPort, serviceId: LensSettings.ServiceId, clusterId: settings.ClusterId);
        client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (settings.ClusterId, LensSettings.ServiceId));
        return client.UseAzureStorageClustering(o => o.TableServiceClient = Tables(settings));
    }

    // The membership table's client, with the storage room's bounded timeouts (a hung table fails, not hangs).
    private static Azure.Data.Tables.TableServiceClient Tables(LensSettings settings)
    {
        var defaults = new AzureJournalOptions();
        return AzureStorageClients.Tables(settings.AzureConnection!, defaults.RequestTimeout, defaults.MaxRetries);
    }

    /// <summary>LENS_ADVERTISED_HOST (an IP or a DNS name), else LENS_HOST, else this machine's first IPv4 address.</summary>
    /// <exception cref="LensConfigurationException">The advertised host does not resolve to an IPv4 address.</exception>
    public static IPAddress AdvertisedAddress(LensSettings settings)
    {
        if (settings.AdvertisedHost is { Length: > 0 } name)
        {
            if (IPAddress.TryParse(name, out var literal)) return literal;
            try
            {
                return Dns.GetHostAddresses(name).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                    ?? throw new LensConfigurationException($"LENS_ADVERTISED_HOST '{name}' has no IPv4 address.");
            }
            catch (SocketException e)
            {
                throw new LensConfigurationException($"LENS_ADVERTISED_HOST '{name}' does not resolve: {e.Message}");
            }
        }
        if (!settings.Host.Equals(IPAddress.Any)) return settings.Host;
        return Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? IPAddress.Loopback;
    }
}
