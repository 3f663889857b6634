using Lens.GrainInterfaces.Models;

namespace Lens.GrainInterfaces.Conversations;

/// <summary>One item of a chat stream: a generated token, or (last) the recorded turn.</summary>
[GenerateSerializer, Immutable]
public sealed record ChatUpdate([property: Id(0)] GeneratedToken? Token, [property: Id(1)] ChatTurnResult? Done);
