using Lens.Runtime.Storage;

namespace Lens.Runtime;

/// <summary>The runtime's services for one activation. Grain code reaches it through <see cref="Grain"/>.</summary>
public interface IGrainContext
{
    /// <summary>The grain's identity.</summary>
    GrainId GrainId { get; }

    /// <summary>Unique id of this activation.</summary>
    string ActivationId { get; }

    /// <summary>The hosting silo incarnation.</summary>
    string SiloId { get; }

    /// <summary>Factory for calling other grains.</summary>
    IGrainFactory GrainFactory { get; }

    /// <summary>The silo's service provider.</summary>
    IServiceProvider Services { get; }

    /// <summary>The cluster's storage.</summary>
    IClusterStorage Storage { get; }

    /// <summary>Registers a timer whose callback runs as a turn of this activation (never concurrently with calls).</summary>
    IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period);

    /// <summary>Creates or updates a durable reminder.</summary>
    Task<GrainReminder> RegisterOrUpdateReminder(string name, TimeSpan dueTime, TimeSpan period);

    /// <summary>Removes a durable reminder; false when it did not exist.</summary>
    Task<bool> UnregisterReminder(string name);

    /// <summary>Reads a durable reminder.</summary>
    Task<GrainReminder?> GetReminder(string name);

    /// <summary>Deactivates this activation once the current turn ends.</summary>
    void Deactivate(DeactivationReason reason);

    /// <summary>Keeps the activation alive for at least <paramref name="period"/> even when idle.</summary>
    void DelayDeactivation(TimeSpan period);
}
