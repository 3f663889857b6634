namespace Lens.GrainInterfaces.Conversations;

/// <summary>A click on a token: its position, how many positions before it to include, which layers, and top-k.</summary>
/// <param name="ContextSize">Positions before the clicked one (0 = the clicked one alone).</param>
/// <param name="Layers">Layers in the order to show; null = all.</param>
[GenerateSerializer, Immutable]
public sealed record ActivationQuery(
    [property: Id(0)] int Position,
    [property: Id(1)] int ContextSize = ActivationQuery.DefaultContextSize,
    [property: Id(2)] int[]? Layers = null,
    [property: Id(3)] int TopK = 5)
{
    /// <summary>Positions before the clicked one shown by default.</summary>
    public const int DefaultContextSize = 15;

    /// <summary>Largest context accepted.</summary>
    public const int MaxContextSize = 128;

    /// <summary>Largest top-k accepted.</summary>
    public const int MaxTopK = 50;
}
