using Lens.Runtime.Catalog;
using Lens.Runtime.Hosting;
using Lens.Runtime.Membership;
using Lens.Runtime.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Lens.Runtime.Testing;

/// <summary>One silo of a <see cref="TestCluster"/>: its web host, services and storage fault switches.</summary>
public sealed class TestSilo
{
    internal TestSilo(WebApplication app, StorageFaults faults)
    {
        App = app;
        Faults = faults;
        Local = app.Services.GetRequiredService<LocalSilo>();
        Catalog = app.Services.GetRequiredService<ActivationCatalog>();
        GrainFactory = app.Services.GetRequiredService<IGrainFactory>();
        Metrics = app.Services.GetRequiredService<SiloMetrics>();
        _collector = app.Services.GetRequiredService<ActivationCollector>();
        _membership = app.Services.GetRequiredService<MembershipService>();
    }

    private readonly MembershipService _membership;

    /// <summary>Silo ids this silo currently sees as active in its membership view.</summary>
    public IReadOnlyList<string> ActiveSilosInView => _membership.View.Active.Select(r => r.SiloId).ToList();

    private readonly ActivationCollector _collector;

    /// <summary>The silo's web application.</summary>
    public WebApplication App { get; }

    /// <summary>Storage fault switches of this silo.</summary>
    public StorageFaults Faults { get; }

    internal LocalSilo Local { get; }

    internal ActivationCatalog Catalog { get; }

    /// <summary>Set once the cluster stopped or killed it.</summary>
    public bool Removed { get; internal set; }

    /// <summary>Silo incarnation id.</summary>
    public string Id => Local.Id;

    /// <summary>Base address of the HTTP/2 endpoint.</summary>
    public string Address => Local.Address;

    /// <summary>False once stopped, killed or declared dead.</summary>
    public bool IsAlive => !Removed && Local.IsActive && !Local.IsKilled;

    /// <summary>Grain factory of code running on this silo.</summary>
    public IGrainFactory GrainFactory { get; }

    /// <summary>The silo's metrics.</summary>
    public SiloMetrics Metrics { get; }

    /// <summary>Grain ids with an activation on this silo.</summary>
    public IReadOnlyList<GrainId> ActivationIds => Catalog.Activations.Where(a => a.State == ActivationState.Valid).Select(a => a.GrainId).ToList();

    /// <summary>Runs the idle collector now.</summary>
    public Task CollectIdleAsync() => _collector.CollectAsync();
}
