using Lens.Runtime.Scheduling;
using Lens.Runtime.Storage;

namespace Lens.Runtime.Catalog;

/// <summary>
/// One live instance of a grain on this silo: the grain object, its mailbox and its lifecycle. Calls wait
/// for <see cref="WaitReadyAsync"/>; deactivation stops the mailbox, rejects queued calls (they are routed
/// again), runs OnDeactivateAsync and removes the directory registration.
/// </summary>
internal sealed class Activation
{
    private readonly TaskCompletionSource<bool> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<GrainTimer> _timers = [];
    private readonly Lock _lock = new();
    private DeactivationReason? _requested;
    private long _keepAliveUntilTicks;

    public Activation(GrainId grainId, GrainClass grainClass, int mailboxCapacity)
    {
        GrainId = grainId;
        Class = grainClass;
        Scheduler = new ActivationScheduler(grainId, mailboxCapacity, AfterTurnAsync);
        Touch();
    }

    public GrainId GrainId { get; }

    public string ActivationId { get; } = Guid.NewGuid().ToString("N");

    public GrainClass Class { get; }

    public ActivationScheduler Scheduler { get; }

    public Grain? Grain { get; private set; }

    public GrainRegistration? Registration { get; set; }

    public ActivationState State { get; private set; } = ActivationState.Activating;

    public DateTimeOffset LastActivity { get; private set; }

    public Task Deactivated => _deactivated.Task;

    /// <summary>Set by the catalog so a requested deactivation can run after the current turn.</summary>
    public Func<Activation, DeactivationReason, Task>? Deactivator { get; set; }

    public bool KeptAlive => DateTimeOffset.UtcNow.UtcTicks < Interlocked.Read(ref _keepAliveUntilTicks);

    public void Touch() => LastActivity = DateTimeOffset.UtcNow;

    public void KeepAlive(TimeSpan period) => Interlocked.Exchange(ref _keepAliveUntilTicks, (DateTimeOffset.UtcNow + period).UtcTicks);

    /// <summary>True once the activation serves calls; false if it failed or is going away.</summary>
    public async Task<bool> WaitReadyAsync(CancellationToken cancellationToken)
    {
        if (!await _ready.Task.WaitAsync(cancellationToken)) return false;
        if (State == ActivationState.Valid) return true;
        await _deactivated.Task.WaitAsync(cancellationToken);
        return false;
    }

    public async Task StartAsync(Grain grain, CancellationToken cancellationToken)
    {
        Grain = grain;
        await grain.LoadAsync(cancellationToken);
        await grain.OnActivateAsync(cancellationToken);
        State = ActivationState.Valid;
        Scheduler.Start();
        _ready.TrySetResult(true);
    }

    public void Fail()
    {
        State = ActivationState.Invalid;
        _ready.TrySetResult(false);
        _deactivated.TrySetResult();
    }

    public void RequestDeactivation(DeactivationReason reason) => _requested ??= reason;

    public IDisposable AddTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new GrainTimer(callback, dueTime, period, Scheduler.TryEnqueue);
        lock (_lock) _timers.Add(timer);
        return timer;
    }

    /// <summary>Stops the mailbox and waits for the running turn; false if someone else already started it.</summary>
    public async Task<bool> BeginDeactivationAsync()
    {
        lock (_lock)
        {
            if (State is ActivationState.Deactivating or ActivationState.Invalid) return false;
            State = ActivationState.Deactivating;
            foreach (var timer in _timers) timer.Dispose();
        }
        Scheduler.Stop();
        await Scheduler.Completion;
        return true;
    }

    public void CompleteDeactivation()
    {
        State = ActivationState.Invalid;
        _deactivated.TrySetResult();
    }

    private Task AfterTurnAsync()
    {
        Touch();
        if (_requested is { } reason && Deactivator is { } deactivate) _ = deactivate(this, reason);
        return Task.CompletedTask;
    }
}
