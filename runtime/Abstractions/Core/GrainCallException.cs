namespace Lens.Runtime;

/// <summary>
/// A grain call failed. <see cref="Kind"/> says whether the runtime or the grain failed; for
/// <see cref="GrainCallErrorKind.GrainFault"/> <see cref="RemoteExceptionType"/> names the grain's exception.
/// </summary>
public sealed class GrainCallException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GrainCallException(GrainCallErrorKind kind, string message, string? remoteExceptionType = null, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        RemoteExceptionType = remoteExceptionType;
    }

    /// <summary>The failure class.</summary>
    public GrainCallErrorKind Kind { get; }

    /// <summary>Full name of the exception thrown by grain code, when <see cref="Kind"/> is a grain fault.</summary>
    public string? RemoteExceptionType { get; }

    /// <summary>
    /// Whether the call certainly did not run, so a retry cannot duplicate its effects
    /// (e.g. unknown type, overloaded queue). In-flight failures are not "certainly not run".
    /// </summary>
    public bool CertainlyNotExecuted => Kind is GrainCallErrorKind.UnknownGrainType or GrainCallErrorKind.UnknownMethod
        or GrainCallErrorKind.BadRequest or GrainCallErrorKind.PayloadTooLarge or GrainCallErrorKind.Overloaded
        or GrainCallErrorKind.NoCompatibleSilo or GrainCallErrorKind.JournalConflict;
}
