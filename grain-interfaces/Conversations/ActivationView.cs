using Lens.GrainInterfaces.Models;

namespace Lens.GrainInterfaces.Conversations;

/// <summary>The lens and attention at a clicked position, with the tokens they cover (the clicked one last).</summary>
[GenerateSerializer, Immutable]
public sealed record ActivationView(
    [property: Id(0)] Guid ConversationId,
    [property: Id(1)] int Position,
    [property: Id(2)] TokenView[] Tokens,
    [property: Id(3)] LensInspection Lens);
