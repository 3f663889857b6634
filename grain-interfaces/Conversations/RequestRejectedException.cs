namespace Lens.GrainInterfaces.Conversations;

/// <summary>Why a request was refused; the HTTP API maps each to its status code.</summary>
public enum Rejection
{
    /// <summary>A field is invalid (400).</summary>
    Invalid,
    /// <summary>The resource belongs to another user (403).</summary>
    Forbidden,
    /// <summary>No such conversation or position (404).</summary>
    NotFound,
    /// <summary>The request conflicts with work in progress (409).</summary>
    Conflict,
    /// <summary>The request or the conversation would grow too large (413).</summary>
    TooLarge,
}

/// <summary>A request refused for a reason the caller can fix; <see cref="Field"/> names what was wrong.</summary>
[GenerateSerializer]
public sealed class RequestRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RequestRejectedException(Rejection kind, string field, string message) : base(message)
    {
        Kind = kind;
        Field = field;
    }

    /// <summary>Why the request was refused.</summary>
    [Id(0)] public Rejection Kind { get; }

    /// <summary>The field or resource at fault (e.g. <c>message</c>, <c>position</c>, <c>conversation_id</c>).</summary>
    [Id(1)] public string Field { get; }
}
