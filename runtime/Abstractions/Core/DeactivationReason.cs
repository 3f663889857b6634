namespace Lens.Runtime;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReason
{
    /// <summary>Idle for longer than its collection age.</summary>
    Idle,

    /// <summary>The grain asked for it (<see cref="Grain.DeactivateOnIdle"/>).</summary>
    Requested,

    /// <summary>The silo is shutting down.</summary>
    SiloShutdown,

    /// <summary>The journal moved on without this activation (conditional append failed); state is stale.</summary>
    JournalConflict,

    /// <summary>Activation failed or storage failed with an unknown outcome.</summary>
    Error,
}
