using Orleans.Configuration;

namespace Lens.Silo.Hosting;

/// <summary>
/// Membership timings that find a crashed silo in one to two seconds instead of Orleans' ~30 s, so the grains it held
/// come back on another silo quickly. The figures and their reasons are in silo/README.md.
/// </summary>
public static class FastFailover
{
    /// <summary>How long a liveness probe may take before it counts as missed.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Missed probes in a row before a silo votes its peer dead.</summary>
    public const int MissedProbesLimit = 2;

    /// <summary>
    /// Votes that declare a silo dead. One, because a two-silo cluster has only one peer to vote (Orleans' default of two
    /// then waits for the dead silo's heartbeat row to go stale, ~30 s).
    /// </summary>
    public const int VotesForDeath = 1;

    /// <summary>How often silos re-read the membership table (gossip usually tells them sooner).</summary>
    public static readonly TimeSpan TableRefresh = TimeSpan.FromSeconds(2);

    /// <summary>How often a client re-reads the gateway list.</summary>
    public static readonly TimeSpan GatewayListRefresh = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a client waits for a grain call's answer (Orleans' default: 30 s). A call in flight through the gateway
    /// of a silo that dies is only failed by this timeout, so it bounds how long such a call hangs. Grain methods that
    /// take longer mark themselves with Orleans' <c>[ResponseTimeout("00:10:00")]</c>.
    /// </summary>
    public static readonly TimeSpan ClientResponseTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Applies the silo-side timings.</summary>
    public static ISiloBuilder UseFastFailover(this ISiloBuilder silo) => silo.Configure<ClusterMembershipOptions>(o =>
    {
        o.ProbeTimeout = ProbeTimeout;
        o.NumMissedProbesLimit = MissedProbesLimit;
        o.NumVotesForDeathDeclaration = VotesForDeath;
        o.TableRefreshTimeout = TableRefresh;
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
    });

    /// <summary>Applies the client-side timings.</summary>
    public static IClientBuilder UseFastFailover(this IClientBuilder client) => client
        .Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = GatewayListRefresh)
        .Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ClientResponseTimeout);
}
