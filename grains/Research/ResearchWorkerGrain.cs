using System.Diagnostics;
using Lens.GrainInterfaces.Research;
using Lens.Grains.Models;
using Lens.Grains.Research.Running;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Lens.Grains.Placement;

namespace Lens.Grains.Research;

/// <summary>
/// Computes a run's batches on this silo, one at a time on a worker thread, off the grain's turn. Each outcome goes
/// to the run to be journaled before the next batch starts, so at most the batch in hand is lost with this silo.
/// Errors of the computing itself (the dataset, a model, an analysis) fail the run; a run that cannot be reached, or
/// this silo stopping, only ends the computing here: the run's reminder starts it again.
/// </summary>
[ModelPlacement] // key "{model}#{runId}": computed on a silo that holds the run's model
public sealed class ResearchWorkerGrain(
    LoadedModels models,
    ResearchDatasets datasets,
    ResearchRunSlots slots,
    IOptions<ResearchOptions> options,
    ILocalSiloDetails silo,
    TimeProvider clock,
    ILogger<ResearchWorkerGrain> logger) : Grain, IResearchWorkerGrain
{
    private CancellationTokenSource? _stop;
    private Task? _work;

    private string SiloName => silo.SiloAddress.ToString();

    public Task<ResearchPlan> Plan(string runId, string owner, ResearchRunSpec spec) =>
        Task.Run(() => ResearchPlanner.Plan(runId, owner, spec, models, datasets, clock.GetUtcNow()));

    public Task Work(ResearchPlan plan, int batch)
    {
        if (_work is { IsCompleted: false }) return Task.CompletedTask;
        _stop?.Dispose();
        _stop = CancellationTokenSource.CreateLinkedTokenSource(slots.Stopping);
        // Not awaited: the loop runs on this activation's scheduler between calls and awaits its batches on the pool.
        _work = Compute(plan, batch, _stop.Token);
        return Task.CompletedTask;
    }

    public Task<bool> IsWorking() => Task.FromResult(_work is { IsCompleted: false });

    public Task Stop()
    {
        _stop?.Cancel();
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _stop?.Cancel();
        if (_work is not null)
        {
            try { await _work.WaitAsync(cancellationToken); }
            catch (OperationCanceledException) { } // the batch in hand is redone by the next worker
        }
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    private async Task Compute(ResearchPlan plan, int first, CancellationToken stop)
    {
        try
        {
            await slots.WaitAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        var run = GrainFactory.GetGrain<IResearchRunCheckpoint>(plan.Id);
        var siloName = SiloName;
        ResearchJob? job = null;
        try
        {
            var output = options.Value.OutputDirectory;
            job = await Task.Run(() => Failing(() => ResearchJob.Open(plan, models, output)), stop);
            await run.Computing(siloName);
            int? next = first;
            while (next is { } batch && !stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                var open = job;
                var outcome = await Task.Run(() =>
                {
                    ResearchTelemetry.BatchStarted(plan.Id, batch, siloName);
                    return Failing(() => open.Run(batch, stop));
                }, stop);
                if (stop.IsCancellationRequested) break;
                next = await run.Checkpoint(batch, outcome, Stopwatch.GetElapsedTime(started).TotalSeconds, siloName);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped: cancelled, deactivating, or this silo is going down.
        }
        catch (ResearchJobException e)
        {
            logger.LogWarning(e, "Research run {Run} failed on {Silo}", plan.Id, siloName);
            try { await run.Fail(e.Message); }
            catch (Exception report) { logger.LogWarning(report, "Research run {Run}: its failure could not be reported; its reminder will find this worker idle", plan.Id); }
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Research run {Run} stopped computing on {Silo}: the run could not be reached; its reminder starts the work again", plan.Id, siloName);
        }
        finally
        {
            job?.Dispose();
            slots.Release();
        }
    }

    // What goes wrong inside the computing fails the run; cancellation stays cancellation.
    private static T Failing<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception e) when (e is not (ResearchJobException or OperationCanceledException))
        {
            throw new ResearchJobException(e is InvalidDataException or ArgumentException or IOException ? e.Message : $"{e.GetType().Name}: {e.Message}", e);
        }
    }
}
