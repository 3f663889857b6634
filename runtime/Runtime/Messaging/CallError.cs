namespace Lens.Runtime.Messaging;

/// <summary>An error on the wire.</summary>
public sealed record CallError(GrainCallErrorKind Kind, string Message, string? ExceptionType = null)
{
    public GrainCallException ToException() => new(Kind, Message, ExceptionType);
}
