namespace Lens.GrainInterfaces.Research;

/// <summary>One question of an mmlu run: the choice the model picked and the right one (0-based).</summary>
[GenerateSerializer, Immutable]
public sealed record MmluAnswer(
    [property: Id(0)] int Index, [property: Id(1)] string Subject, [property: Id(2)] int Predicted, [property: Id(3)] int Answer)
{
    public bool Correct => Predicted == Answer;
}
