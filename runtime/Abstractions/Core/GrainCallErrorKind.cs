namespace Lens.Runtime;

/// <summary>What went wrong with a grain call, as carried on the wire.</summary>
public enum GrainCallErrorKind
{
    /// <summary>The grain's own code threw.</summary>
    GrainFault,

    /// <summary>No silo knows the grain type.</summary>
    UnknownGrainType,

    /// <summary>The grain interface has no such method.</summary>
    UnknownMethod,

    /// <summary>The message could not be parsed or its arguments do not match the method.</summary>
    BadRequest,

    /// <summary>The message exceeds the size limit.</summary>
    PayloadTooLarge,

    /// <summary>The activation's queue is full (back-pressure); safe to retry later.</summary>
    Overloaded,

    /// <summary>The deadline passed before the call completed.</summary>
    DeadlineExceeded,

    /// <summary>The call was cancelled by the caller.</summary>
    Cancelled,

    /// <summary>No live silo could take the call (none reachable, or the target died mid-call).</summary>
    SiloUnavailable,

    /// <summary>No live silo advertises the capability the grain class requires.</summary>
    NoCompatibleSilo,

    /// <summary>The journal moved on without this activation; the call's events were not written.</summary>
    JournalConflict,

    /// <summary>Storage is unavailable.</summary>
    StorageUnavailable,
}
