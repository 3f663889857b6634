using System.Diagnostics;
using Lens.GrainInterfaces.Research;
using Lens.Grains.Research.Events;
using Lens.Grains.Research.Export;
using Lens.Grains.Research.Models;
using Lens.Grains.Research.Running;
using Lens.Storage.EventSourcing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lens.Grains.Research;

/// <summary>
/// A research run. Its journal holds the pinned plan, one checkpoint per finished batch and how it ended; its
/// computing happens off the grain's turn (one batch at a time on a worker thread), and every state change is made by
/// the grain itself, in its own turn, once the batch is back. A reminder ticks while the run is unfinished, so when its
/// silo dies the run is activated on another one and goes on from the batch after its last checkpoint.
/// </summary>
public sealed class ResearchRunGrain(
    TransformerCache models,
    ResearchDatasets datasets,
    ResearchRunSlots slots,
    IOptions<ResearchOptions> options,
    ILocalSiloDetails silo,
    TimeProvider clock,
    ILogger<ResearchRunGrain> logger)
    : JournaledLensGrain<ResearchRunState, ResearchRunEvent>, IResearchRunGrain, IRemindable
{
    private const string ResumeReminder = "research-resume";
    private const int ExportChunkBytes = 1 << 16;

    private CancellationTokenSource? _stop;
    private Task? _work;
    private bool _computing;

    private string Id => this.GetPrimaryKeyString();
    private string SiloName => silo.SiloAddress.ToString();
    private string RunFolder => Path.Combine(options.Value.OutputDirectory, Id);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        if (State.IsActive)
        {
            logger.LogInformation("Research run {Run} activated on {Silo} at batch {Batch} of {Batches}", Id, SiloName, State.Batches.Count, State.Plan!.Batches);
            EnsureComputing();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _stop?.Cancel();
        if (_work is not null)
        {
            try { await _work.WaitAsync(cancellationToken); }
            catch (OperationCanceledException) { } // a batch still computing is redone by the next activation
        }
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public async Task<ResearchRunInfo> Start(string owner, ResearchRunSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (State.Plan is not null) throw new ArgumentException($"research run '{Id}' already exists");
        var id = Id;
        var plan = await Task.Run(() => ResearchPlanner.Plan(id, owner, spec, models, datasets, clock.GetUtcNow()));
        if (State.Plan is not null) throw new ArgumentException($"research run '{Id}' already exists");
        // The reminder first: a run journaled as started must never be left without one.
        await ArmReminder();
        RaiseEvent(new ResearchRunStarted(Guid.NewGuid(), clock.GetUtcNow(), plan));
        await ConfirmEvents();
        await Task.WhenAll(
            GrainFactory.GetGrain<IResearchRunIndexGrain>(IResearchRunIndexGrain.OwnerKey(owner)).Add(Id),
            GrainFactory.GetGrain<IResearchRunIndexGrain>(IResearchRunIndexGrain.AllKey).Add(Id));
        logger.LogInformation("Research run {Run} ({Kind}, {Model}, {Items} items in {Batches} batches) started by {Owner}", Id, plan.Kind, plan.Model, plan.Items, plan.Batches, owner);
        EnsureComputing();
        return Describe();
    }

    public Task<ResearchRunInfo?> Info() => Task.FromResult(State.Plan is null ? null : Describe());

    public Task<ResearchResults> Results()
    {
        var plan = RequirePlan();
        return Task.FromResult(ResearchResultsBuilder.Build(plan, Status(), State.Batches));
    }

    public async Task<ResearchRunInfo> Cancel()
    {
        RequirePlan();
        if (State.IsActive)
        {
            RaiseEvent(new ResearchRunCancelled(Guid.NewGuid(), clock.GetUtcNow()));
            await ConfirmEvents();
            _stop?.Cancel();
            await DisarmReminder();
            logger.LogInformation("Research run {Run} cancelled after {Batches} batches", Id, State.Batches.Count);
        }
        return Describe();
    }

    public async IAsyncEnumerable<byte[]> Export()
    {
        var plan = RequirePlan();
        var run = Describe();
        var results = ResearchResultsBuilder.Build(plan, run.Status, State.Batches);
        var zip = Path.Combine(RunFolder, "exports", $"{Guid.NewGuid():N}.zip");
        var folder = RunFolder;
        await Task.Run(() => ResearchExport.Write(zip, run, results, folder));
        try
        {
            await using var stream = new FileStream(zip, FileMode.Open, FileAccess.Read, FileShare.Read, ExportChunkBytes, useAsync: true);
            while (true)
            {
                var chunk = new byte[ExportChunkBytes];
                var read = await stream.ReadAtLeastAsync(chunk, chunk.Length, throwOnEndOfStream: false);
                if (read == 0) break;
                yield return read == chunk.Length ? chunk : chunk[..read];
            }
        }
        finally
        {
            File.Delete(zip);
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ResumeReminder) return;
        if (State.IsActive) EnsureComputing();
        else await DisarmReminder(); // finished (or never started): nothing to keep alive
    }

    protected override void TransitionState(ResearchRunState state, ResearchRunEvent @event) => state.Apply(@event);

    private void EnsureComputing()
    {
        if (_work is { IsCompleted: false }) return;
        _stop?.Dispose();
        _stop = CancellationTokenSource.CreateLinkedTokenSource(slots.Stopping);
        // Not awaited: the loop runs on this activation's scheduler between calls, and awaits its batches on the pool.
        _work = Compute(_stop.Token);
    }

    private async Task Compute(CancellationToken stop)
    {
        try
        {
            await slots.WaitAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        _computing = true;
        ResearchJob? job = null;
        try
        {
            var plan = State.Plan!;
            var output = options.Value.OutputDirectory;
            job = await Task.Run(() => ResearchJob.Open(plan, models, output), stop);
            while (State.IsActive && State.Batches.Count < plan.Batches && !stop.IsCancellationRequested)
            {
                var batch = State.Batches.Count;
                var started = Stopwatch.GetTimestamp();
                var (id, siloName, runningJob) = (Id, SiloName, job);
                var outcome = await Task.Run(() =>
                {
                    ResearchTelemetry.BatchStarted(id, batch, siloName);
                    return runningJob.Run(batch, stop);
                }, stop);
                if (stop.IsCancellationRequested || !State.IsActive) break;
                RaiseEvent(new ResearchBatchCompleted(Guid.NewGuid(), clock.GetUtcNow(), batch, outcome, Stopwatch.GetElapsedTime(started).TotalSeconds, SiloName));
                await ConfirmEvents();
            }
            if (State.IsActive && State.Batches.Count == plan.Batches && !stop.IsCancellationRequested)
            {
                RaiseEvent(new ResearchRunCompleted(Guid.NewGuid(), clock.GetUtcNow()));
                await ConfirmEvents();
                await DisarmReminder();
                logger.LogInformation("Research run {Run} completed: {Items} items", Id, plan.Items);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Cancelled by its owner, or this activation or silo is going away: the reminder resumes an active run.
        }
        catch (Exception e) when (!stop.IsCancellationRequested && State.IsActive)
        {
            logger.LogWarning(e, "Research run {Run} failed at batch {Batch}", Id, State.Batches.Count);
            RaiseEvent(new ResearchRunFailed(Guid.NewGuid(), clock.GetUtcNow(), Reason(e)));
            await ConfirmEvents();
            await DisarmReminder();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Research run {Run} stopped computing on {Silo}", Id, SiloName);
        }
        finally
        {
            job?.Dispose();
            _computing = false;
            slots.Release();
        }
    }

    private static string Reason(Exception e) => e switch
    {
        ResearchJobException or InvalidDataException or ArgumentException or IOException => e.Message,
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    private ResearchPlan RequirePlan() => State.Plan ?? throw new KeyNotFoundException($"no research run has the id '{Id}'");

    private ResearchRunStatus Status() => State.Phase switch
    {
        ResearchPhase.Completed => ResearchRunStatus.Completed,
        ResearchPhase.Failed => ResearchRunStatus.Failed,
        ResearchPhase.Cancelled => ResearchRunStatus.Cancelled,
        _ => _computing ? ResearchRunStatus.Running : ResearchRunStatus.Queued,
    };

    private ResearchRunInfo Describe()
    {
        var plan = RequirePlan();
        var done = State.Done;
        double? eta = !State.IsActive ? 0 : done == 0 ? null : Math.Round(State.ComputeSeconds / done * (plan.Items - done), 1);
        return new ResearchRunInfo
        {
            Id = plan.Id, Owner = plan.Owner, Kind = plan.Kind, Model = plan.Model, BaselineModel = plan.BaselineModel,
            Dataset = plan.Dataset, Status = Status(), Done = done, Total = plan.Items, EtaSeconds = eta,
            Batches = plan.Batches, BatchesDone = State.Batches.Count, Settings = plan.Settings, Error = State.Error,
            Created = plan.Created, Finished = State.Finished, Silo = SiloName,
        };
    }

    private Task ArmReminder() => this.RegisterOrUpdateReminder(ResumeReminder, options.Value.ResumeCheckPeriod, options.Value.ResumeCheckPeriod);

    private async Task DisarmReminder()
    {
        var reminder = await this.GetReminder(ResumeReminder);
        if (reminder is not null) await this.UnregisterReminder(reminder);
    }
}
