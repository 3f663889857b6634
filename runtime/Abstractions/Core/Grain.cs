namespace Lens.Runtime;

/// <summary>
/// Base class of grain implementations. One activation per grain id exists in the cluster; calls run
/// one at a time (turn-based) unless a method is marked <see cref="ReadOnlyAttribute"/> or
/// <see cref="AlwaysInterleaveAttribute"/>. Constructor parameters come from dependency injection.
/// </summary>
public abstract class Grain
{
    private IGrainContext? _context;

    /// <summary>The runtime context; available from <see cref="OnActivateAsync"/> on (not in the constructor).</summary>
    protected internal IGrainContext Context =>
        _context ?? throw new InvalidOperationException("The grain is not attached to an activation yet (constructor?).");

    /// <summary>This grain's id.</summary>
    public GrainId GrainId => Context.GrainId;

    /// <summary>Factory for calling other grains.</summary>
    protected IGrainFactory GrainFactory => Context.GrainFactory;

    /// <summary>The silo's service provider.</summary>
    protected IServiceProvider ServiceProvider => Context.Services;

    internal void Attach(IGrainContext context) => _context = context;

    /// <summary>Runtime hook before <see cref="OnActivateAsync"/>; journaled grains load their state here.</summary>
    internal virtual Task LoadAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called once before the first call reaches the activation.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called once when the activation is collected or its silo shuts down gracefully (not when it is killed).</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The string key.</summary>
    public string GetPrimaryKeyString() => GrainId.Key;

    /// <summary>The Guid key.</summary>
    public Guid GetPrimaryKey() => Guid.ParseExact(GrainId.Key, "N");

    /// <summary>The integer key.</summary>
    public long GetPrimaryKeyLong() => long.Parse(GrainId.Key, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Registers a timer; the callback runs as a turn of this activation. Dispose to stop it. Not durable.</summary>
    protected IDisposable RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        Context.RegisterTimer(callback, dueTime, period);

    /// <summary>Creates or updates a durable reminder; the grain must implement <see cref="IRemindable"/>.</summary>
    protected Task<GrainReminder> RegisterOrUpdateReminder(string name, TimeSpan dueTime, TimeSpan period) =>
        Context.RegisterOrUpdateReminder(name, dueTime, period);

    /// <summary>Removes a durable reminder.</summary>
    protected Task<bool> UnregisterReminder(string name) => Context.UnregisterReminder(name);

    /// <summary>Reads a durable reminder.</summary>
    protected Task<GrainReminder?> GetReminder(string name) => Context.GetReminder(name);

    /// <summary>Deactivates this activation after the current turn.</summary>
    protected void DeactivateOnIdle() => Context.Deactivate(DeactivationReason.Requested);

    /// <summary>Keeps this activation alive for at least <paramref name="period"/>.</summary>
    protected void DelayDeactivation(TimeSpan period) => Context.DelayDeactivation(period);
}
