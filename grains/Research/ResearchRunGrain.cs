using Lens.GrainInterfaces.Research;
using Lens.Grains.Research.Events;
using Lens.Grains.Research.Export;
using Lens.Grains.Research.Running;
using Lens.Storage.EventSourcing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lens.Grains.Research;

/// <summary>
/// A research run. Its journal holds the pinned plan, one checkpoint per finished batch and how it ended. The
/// computing is done by its <see cref="IResearchWorkerGrain"/> on a silo holding the model; this grain, placed
/// anywhere, only journals, answers and keeps the work going: a reminder ticks while the run is unfinished and starts
/// the worker again (from the batch after the last checkpoint) whenever it finds it idle, as after its silo died.
/// </summary>
public sealed class ResearchRunGrain(IOptions<ResearchOptions> options, TimeProvider clock, ILogger<ResearchRunGrain> logger)
    : JournaledLensGrain<ResearchRunState, ResearchRunEvent>, IResearchRunGrain, IResearchRunCheckpoint, IRemindable
{
    private const string ResumeReminder = "research-resume";
    private const int ExportChunkBytes = 1 << 16;

    // How long a liveness check waits for the worker: a silo that died unnoticed must not hold up this grain's callers.
    private static readonly TimeSpan WorkerCallTimeout = TimeSpan.FromSeconds(5);

    // The silo computing the run, as its worker last said; null when it is not known to be computing.
    private string? _computingOn;

    private string Id => this.GetPrimaryKeyString();
    private string RunFolder => Path.Combine(options.Value.OutputDirectory, Id);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        if (State.IsActive)
        {
            logger.LogInformation("Research run {Run} activated at batch {Batch} of {Batches}", Id, State.Batches.Count, State.Plan!.Batches);
            _ = KeepWorking(); // not awaited: activation must not wait on a worker that may be on a dead silo
        }
    }

    public async Task<ResearchRunInfo> Start(string owner, ResearchRunSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (State.Plan is not null) throw new ArgumentException($"research run '{Id}' already exists");
        if (string.IsNullOrWhiteSpace(spec.Model)) throw new ArgumentException("model is required: a model the silos hold");
        var plan = await Worker(spec.Model).Plan(Id, owner, spec);
        if (State.Plan is not null) throw new ArgumentException($"research run '{Id}' already exists");
        // The reminder first: a run journaled as started must never be left without one.
        await this.RegisterOrUpdateReminder(ResumeReminder, options.Value.ResumeCheckPeriod, options.Value.ResumeCheckPeriod);
        RaiseEvent(new ResearchRunStarted(Guid.NewGuid(), clock.GetUtcNow(), plan));
        await ConfirmEvents();
        await Task.WhenAll(
            GrainFactory.GetGrain<IResearchRunIndexGrain>(IResearchRunIndexGrain.OwnerKey(owner)).Add(Id),
            GrainFactory.GetGrain<IResearchRunIndexGrain>(IResearchRunIndexGrain.AllKey).Add(Id));
        logger.LogInformation("Research run {Run} ({Kind}, {Model}, {Items} items in {Batches} batches) started by {Owner}", Id, plan.Kind, plan.Model, plan.Items, plan.Batches, owner);
        await KeepWorking(); // a worker that cannot be reached now is started by the reminder
        return Describe();
    }

    public Task<ResearchRunInfo?> Info() => Task.FromResult(State.Plan is null ? null : Describe());

    public Task<ResearchResults> Results() => Task.FromResult(ResearchResultsBuilder.Build(RequirePlan(), Status(), State.Batches));

    public async Task<ResearchRunInfo> Cancel()
    {
        var plan = RequirePlan();
        if (State.IsActive)
        {
            RaiseEvent(new ResearchRunCancelled(Guid.NewGuid(), clock.GetUtcNow()));
            await ConfirmEvents();
            await DisarmReminder();
            _computingOn = null;
            logger.LogInformation("Research run {Run} cancelled after {Batches} batches", Id, State.Batches.Count);
            try { await Worker(plan.Model).Stop().WaitAsync(WorkerCallTimeout); }
            catch (Exception e) { logger.LogInformation(e, "Research run {Run}: its worker was not told to stop; its next checkpoint is refused", Id); }
        }
        return Describe();
    }

    public async IAsyncEnumerable<byte[]> Export()
    {
        var plan = RequirePlan();
        var run = Describe();
        var results = ResearchResultsBuilder.Build(plan, run.Status, State.Batches);
        var folder = RunFolder;
        var zip = Path.Combine(folder, "exports", $"{Guid.NewGuid():N}.zip");
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

    public Task Computing(string silo)
    {
        if (State.IsActive) _computingOn = silo;
        return Task.CompletedTask;
    }

    public async Task<int?> Checkpoint(int batch, ResearchBatchOutcome outcome, double seconds, string silo)
    {
        if (!State.IsActive) return null;
        if (batch == State.Batches.Count)
        {
            RaiseEvent(new ResearchBatchCompleted(Guid.NewGuid(), clock.GetUtcNow(), batch, outcome, seconds, silo));
            await ConfirmEvents();
        }
        _computingOn = silo;
        var plan = State.Plan!;
        if (State.IsActive && State.Batches.Count == plan.Batches)
        {
            RaiseEvent(new ResearchRunCompleted(Guid.NewGuid(), clock.GetUtcNow()));
            await ConfirmEvents();
            await DisarmReminder();
            _computingOn = null;
            logger.LogInformation("Research run {Run} completed: {Items} items", Id, plan.Items);
        }
        return State.IsActive ? State.Batches.Count : null;
    }

    public async Task Fail(string error)
    {
        if (!State.IsActive) return;
        RaiseEvent(new ResearchRunFailed(Guid.NewGuid(), clock.GetUtcNow(), error));
        await ConfirmEvents();
        await DisarmReminder();
        _computingOn = null;
        logger.LogWarning("Research run {Run} failed at batch {Batch}: {Error}", Id, State.Batches.Count, error);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ResumeReminder) return;
        if (State.IsActive) await KeepWorking();
        else await DisarmReminder(); // finished, or never started: nothing to keep going
    }

    protected override void TransitionState(ResearchRunState state, ResearchRunEvent @event) => state.Apply(@event);

    // Starts the worker again if it is idle (a fresh activation, after its silo died) from the batch after the last checkpoint.
    private async Task KeepWorking()
    {
        var plan = State.Plan!;
        var worker = Worker(plan.Model);
        try
        {
            if (await worker.IsWorking().WaitAsync(WorkerCallTimeout)) return;
            _computingOn = null;
            if (!State.IsActive) return;
            logger.LogInformation("Research run {Run}: its worker is idle; computing from batch {Batch}", Id, State.Batches.Count);
            await worker.Work(plan, State.Batches.Count).WaitAsync(WorkerCallTimeout);
        }
        catch (Exception e)
        {
            _computingOn = null;
            logger.LogInformation("Research run {Run}: its worker cannot be reached yet ({Error}); the reminder tries again", Id, e.Message);
        }
    }

    private IResearchWorkerGrain Worker(string model) => GrainFactory.GetGrain<IResearchWorkerGrain>(IResearchWorkerGrain.Key(model, Id));

    private ResearchPlan RequirePlan() => State.Plan ?? throw new KeyNotFoundException($"no research run has the id '{Id}'");

    private ResearchRunStatus Status() => State.Phase switch
    {
        ResearchPhase.Completed => ResearchRunStatus.Completed,
        ResearchPhase.Failed => ResearchRunStatus.Failed,
        ResearchPhase.Cancelled => ResearchRunStatus.Cancelled,
        _ => _computingOn is null ? ResearchRunStatus.Queued : ResearchRunStatus.Running,
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
            Created = plan.Created, Finished = State.Finished, Silo = State.IsActive ? _computingOn : null,
        };
    }

    private async Task DisarmReminder()
    {
        var reminder = await this.GetReminder(ResumeReminder);
        if (reminder is not null) await this.UnregisterReminder(reminder);
    }
}
