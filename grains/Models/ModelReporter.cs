using Lens.GrainInterfaces.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Lens.Grains.Models;

/// <summary>Sends this silo's <see cref="SiloModelReport"/> to the directory every report period, and at once when asked.</summary>
public sealed class ModelReporter(LocalModels models, IGrainFactory grains, ILocalSiloDetails silo, IOptions<ModelServingOptions> options,
    ILogger<ModelReporter> logger) : BackgroundService
{
    private readonly SemaphoreSlim _now = new(0);

    /// <summary>Reports before the period ends (after a cache eviction, say).</summary>
    public void ReportSoon() => _now.Release();

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var directory = grains.GetGrain<IModelDirectoryGrain>(0);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await directory.Report(models.Report(silo.SiloAddress.ToString()));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Before the silo joins (or while the directory moves) reports fail; the next period tries again.
                logger.LogDebug(e, "Model report failed");
            }
            try { await _now.WaitAsync(options.Value.ReportInterval, stopping); }
            catch (OperationCanceledException) { return; }
        }
    }
}
