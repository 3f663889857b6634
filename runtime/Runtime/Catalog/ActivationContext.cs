using Lens.Runtime.Reminders;
using Lens.Runtime.Storage;

namespace Lens.Runtime.Catalog;

/// <summary>The <see cref="IGrainContext"/> of one activation.</summary>
internal sealed class ActivationContext(Activation activation, string siloId, IGrainFactory grainFactory, IServiceProvider services, IClusterStorage storage, ReminderService reminders)
    : IGrainContext
{
    public GrainId GrainId => activation.GrainId;

    public string ActivationId => activation.ActivationId;

    public string SiloId => siloId;

    public IGrainFactory GrainFactory => grainFactory;

    public IServiceProvider Services => services;

    public IClusterStorage Storage => storage;

    public IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        activation.AddTimer(callback, dueTime, period);

    public Task<GrainReminder> RegisterOrUpdateReminder(string name, TimeSpan dueTime, TimeSpan period)
    {
        if (activation.Grain is not IRemindable)
            throw new InvalidOperationException($"{activation.Class.Type.Name} must implement IRemindable to register reminders.");
        return reminders.RegisterAsync(GrainId, name, dueTime, period);
    }

    public Task<bool> UnregisterReminder(string name) => reminders.UnregisterAsync(GrainId, name);

    public Task<GrainReminder?> GetReminder(string name) => reminders.GetAsync(GrainId, name);

    public void Deactivate(DeactivationReason reason) => activation.RequestDeactivation(reason);

    public void DelayDeactivation(TimeSpan period) => activation.KeepAlive(period);
}
