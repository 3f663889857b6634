using System.Collections.Concurrent;
using Lens.Runtime.Directory;
using Lens.Runtime.Hosting;
using Lens.Runtime.Reminders;
using Lens.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lens.Runtime.Catalog;

/// <summary>
/// The activations of this silo. Creating one first wins the directory registration (conditional write),
/// so concurrent first calls on several silos end with exactly one activation.
/// </summary>
internal sealed class ActivationCatalog(
    LocalSilo silo,
    SiloOptions options,
    GrainDirectory directory,
    IClusterStorage storage,
    IServiceProvider services,
    ILogger<ActivationCatalog> logger)
{
    private readonly ConcurrentDictionary<GrainId, Activation> _activations = new();

    public ICollection<Activation> Activations => _activations.Values;

    public bool TryGet(GrainId grainId, out Activation activation) => _activations.TryGetValue(grainId, out activation!);

    /// <summary>Creates, registers and activates; null when another activation won the registration.</summary>
    public async Task<Activation?> ActivateAsync(GrainId grainId, GrainClass grainClass, string? previousETag, CancellationToken cancellationToken)
    {
        var activation = new Activation(grainId, grainClass, options.MailboxCapacity) { Deactivator = DeactivateAsync };
        if (!_activations.TryAdd(grainId, activation))
            return _activations.TryGetValue(grainId, out var other) && await other.WaitReadyAsync(cancellationToken) ? other : null;
        try
        {
            var proposed = new GrainRegistration(grainId.ToString(), silo.Id, silo.Address, activation.ActivationId, null);
            var winner = await directory.RegisterAsync(proposed, previousETag, cancellationToken);
            if (winner.ActivationId != activation.ActivationId)
            {
                Remove(activation);
                activation.Fail();
                return null;
            }
            activation.Registration = winner;
            await activation.StartAsync(CreateGrain(activation), cancellationToken);
            return activation;
        }
        catch (Exception ex)
        {
            logger.LogWarning("Activation of {Grain} on {Silo} failed: {Error}", grainId, silo.Id, ex.Message);
            Remove(activation);
            activation.Fail();
            if (activation.Registration is { } registration) await TryUnregisterAsync(registration);
            throw;
        }
    }

    /// <summary>Test hook: an activation that bypasses the directory, to force a split brain.</summary>
    internal async Task<Activation> ActivateUnregisteredAsync(GrainId grainId, GrainClass grainClass, CancellationToken cancellationToken)
    {
        var activation = new Activation(grainId, grainClass, options.MailboxCapacity) { Deactivator = (_, _) => Task.CompletedTask };
        await activation.StartAsync(CreateGrain(activation), cancellationToken);
        return activation;
    }

    public async Task DeactivateAsync(Activation activation, DeactivationReason reason)
    {
        if (!await activation.BeginDeactivationAsync()) return;
        if (activation.Grain is { } grain)
        {
            try
            {
                using var timeout = new CancellationTokenSource(options.ShutdownTimeout);
                await grain.OnDeactivateAsync(reason, timeout.Token);
            }
            catch (Exception ex)
            {
                logger.LogWarning("OnDeactivateAsync of {Grain} failed: {Error}", activation.GrainId, ex.Message);
            }
        }
        if (activation.Registration is { } registration) await TryUnregisterAsync(registration);
        Remove(activation);
        activation.CompleteDeactivation();
    }

    public Task DeactivateAllAsync(DeactivationReason reason) => Task.WhenAll(_activations.Values.ToList().Select(a => DeactivateAsync(a, reason)));

    /// <summary>Kill: drop every activation without running grain code or touching storage, as a dead process would.</summary>
    public void AbandonAll()
    {
        foreach (var activation in _activations.Values)
        {
            activation.Scheduler.Stop();
            activation.Fail();
        }
        _activations.Clear();
    }

    private Grain CreateGrain(Activation activation)
    {
        var grain = (Grain)ActivatorUtilities.CreateInstance(services, activation.Class.Type);
        grain.Attach(new ActivationContext(activation, silo.Id, services.GetRequiredService<IGrainFactory>(), services, storage, services.GetRequiredService<ReminderService>()));
        return grain;
    }

    private void Remove(Activation activation) => _activations.TryRemove(new KeyValuePair<GrainId, Activation>(activation.GrainId, activation));

    private async Task TryUnregisterAsync(GrainRegistration registration)
    {
        try
        {
            await directory.UnregisterAsync(registration, CancellationToken.None);
        }
        catch (Exception ex) when (ex is StorageUnavailableException or StorageConflictException)
        {
            // Left behind, it points at this silo; the next activation takes it over by ETag.
            logger.LogWarning("Unregistering {Grain} failed: {Error}", registration.GrainId, ex.Message);
        }
    }
}
