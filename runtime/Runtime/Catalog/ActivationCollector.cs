using Lens.Runtime.Hosting;

namespace Lens.Runtime.Catalog;

/// <summary>Deactivates activations idle for longer than their collection age.</summary>
internal sealed class ActivationCollector(ActivationCatalog catalog, SiloOptions options)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.CollectionScanPeriod);
        while (await timer.WaitForNextTickAsync(cancellationToken)) await CollectAsync();
    }

    public Task CollectAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var idle = catalog.Activations.Where(a => a.State == ActivationState.Valid && a.Scheduler.IsIdle && !a.KeptAlive
            && now - a.LastActivity >= (a.Class.CollectionAge ?? options.CollectionAge)).ToList();
        return Task.WhenAll(idle.Select(a => catalog.DeactivateAsync(a, DeactivationReason.Idle)));
    }
}
