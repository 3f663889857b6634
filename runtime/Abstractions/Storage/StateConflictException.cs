namespace Lens.Runtime.Storage;

/// <summary>A grain state write or clear carried an ETag that no longer matches the stored record.</summary>
public sealed class StateConflictException : StorageConflictException
{
    /// <summary>Creates the exception.</summary>
    public StateConflictException(string stateName, string grainId, string? expectedETag, string? actualETag)
        : base($"Grain state '{stateName}' of '{grainId}': expected ETag '{expectedETag ?? "(none)"}' but found '{actualETag ?? "(none)"}'; nothing was written.")
    {
        StateName = stateName;
        GrainId = grainId;
    }

    /// <summary>The state name.</summary>
    public string StateName { get; }

    /// <summary>The grain id.</summary>
    public string GrainId { get; }
}
