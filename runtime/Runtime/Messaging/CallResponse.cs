using System.Text.Json;

namespace Lens.Runtime.Messaging;

/// <summary>
/// A reply on the wire: a result, an error, or a redirect (the grain lives elsewhere; <c>*</c> = ask again).
/// Stream responses are newline-delimited CallResponses with <see cref="More"/> set on every item.
/// </summary>
public sealed record CallResponse(JsonElement? Result = null, CallError? Error = null, string? Redirect = null, bool More = false)
{
    public const string Anywhere = "*";

    public static CallResponse Fail(GrainCallErrorKind kind, string message, string? exceptionType = null) => new(Error: new CallError(kind, message, exceptionType));

    public static CallResponse RedirectTo(string address) => new(Redirect: address);
}
