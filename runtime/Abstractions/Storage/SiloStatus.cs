namespace Lens.Runtime.Storage;

/// <summary>Lifecycle of a silo row. Only <see cref="Active"/> silos host new activations.</summary>
public enum SiloStatus
{
    /// <summary>Inserted, not yet serving.</summary>
    Joining = 0,

    /// <summary>Serving calls and hosting activations.</summary>
    Active = 1,

    /// <summary>Deactivating its grains before leaving.</summary>
    ShuttingDown = 2,

    /// <summary>Gone: left cleanly or declared dead by peers. Terminal; a dead silo that reads this row stops itself.</summary>
    Dead = 3,
}
