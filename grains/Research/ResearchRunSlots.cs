using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Lens.Grains.Research;

/// <summary>
/// The silo's run slots (<see cref="ResearchOptions.MaxConcurrentRuns"/>): a run computes only while it holds one, so
/// runs beyond the limit wait as queued. Also the silo's stopping signal, which ends every run's computing when the silo
/// goes down (in-process test silos stop without deactivating their grains).
/// </summary>
public sealed class ResearchRunSlots(IOptions<ResearchOptions> options, IHostApplicationLifetime lifetime) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.MaxConcurrentRuns));

    /// <summary>Cancelled when the silo starts stopping.</summary>
    public CancellationToken Stopping => lifetime.ApplicationStopping;

    public Task WaitAsync(CancellationToken cancel) => _slots.WaitAsync(cancel);

    public void Release() => _slots.Release();

    public void Dispose() => _slots.Dispose();
}
