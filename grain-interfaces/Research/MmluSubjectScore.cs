namespace Lens.GrainInterfaces.Research;

/// <summary>Correct answers in one subject.</summary>
[GenerateSerializer, Immutable]
public sealed record MmluSubjectScore([property: Id(0)] string Subject, [property: Id(1)] int Correct, [property: Id(2)] int Total)
{
    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;
}
