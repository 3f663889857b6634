namespace Lens.GrainInterfaces.Models;

/// <summary>One message of a conversation as the chat template sees it.</summary>
[GenerateSerializer, Immutable]
public sealed record ChatLine([property: Id(0)] string Role, [property: Id(1)] string Content);
