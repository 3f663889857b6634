using Lens.Runtime.Membership;
using Lens.Runtime.Messaging;
using Lens.Runtime.Storage;

namespace Lens.Runtime.Client;

/// <summary>
/// An external client: finds silos through the membership table in shared storage and calls grains over
/// HTTP/2 through any live silo (the gateway redirects to the activation).
/// </summary>
public sealed class ClusterClient : IGrainFactory, IAsyncDisposable
{
    private readonly IMembershipTable _membership;
    private readonly ClusterClientOptions _options;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly SiloTransport _transport;
    private readonly GrainReferenceFactory _factory;
    private ClusterView _view = ClusterView.Empty;
    private Task? _refresh;

    /// <summary>Creates a client over the cluster's membership table.</summary>
    public ClusterClient(IClusterStorage storage, ClusterClientOptions? options = null)
    {
        _membership = storage.Membership;
        _options = options ?? new ClusterClientOptions();
        _transport = new SiloTransport(TimeSpan.FromSeconds(2));
        var calls = new OutboundCalls(new ClientCallRouter(() => _view, _lifetime.Token), _transport, _options.DefaultCallTimeout);
        _factory = new GrainReferenceFactory(() => calls);
    }

    /// <summary>Live silos as of the last membership read.</summary>
    public IReadOnlyList<SiloRow> Silos => _view.Active;

    /// <summary>Waits until the membership table lists a live silo, then keeps the view fresh.</summary>
    /// <exception cref="TimeoutException">No live silo within <see cref="ClusterClientOptions.ConnectTimeout"/>.</exception>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        var deadline = DateTimeOffset.UtcNow + _options.ConnectTimeout;
        while ((await RefreshAsync(cancellationToken)).Active.Count == 0)
        {
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"No live silo appeared in the membership table within {_options.ConnectTimeout}.");
            await Task.Delay(200, cancellationToken);
        }
        _refresh ??= RefreshLoopAsync();
    }

    /// <inheritdoc />
    public TGrain GetGrain<TGrain>(string key) where TGrain : IGrainWithStringKey => _factory.GetGrain<TGrain>(key);

    /// <inheritdoc />
    public TGrain GetGrain<TGrain>(Guid key) where TGrain : IGrainWithGuidKey => _factory.GetGrain<TGrain>(key);

    /// <inheritdoc />
    public TGrain GetGrain<TGrain>(long key) where TGrain : IGrainWithIntegerKey => _factory.GetGrain<TGrain>(key);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync();
        if (_refresh is not null) await _refresh.ContinueWith(_ => { }, TaskScheduler.Default);
        _transport.Dispose();
        _lifetime.Dispose();
    }

    private async Task<ClusterView> RefreshAsync(CancellationToken cancellationToken)
    {
        var snapshot = await _membership.ReadAllAsync(cancellationToken);
        return _view = new ClusterView(snapshot, DateTimeOffset.UtcNow, _options.DeathTimeout);
    }

    private async Task RefreshLoopAsync()
    {
        using var timer = new PeriodicTimer(_options.RefreshPeriod);
        while (await timer.WaitForNextTickAsync(_lifetime.Token).ConfigureAwait(false))
        {
            try
            {
                await RefreshAsync(_lifetime.Token);
            }
            catch (StorageUnavailableException)
            {
                // Keep the last view; calls fail over between the silos it lists.
            }
        }
    }
}
