namespace Lens.Analyses;

/// <summary>Correct answers per subject and overall.</summary>
public sealed record MmluReport(IReadOnlyDictionary<string, (int Correct, int Total)> BySubject, int Correct, int Total)
{
    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;
    public double SubjectAccuracy(string subject) => BySubject[subject].Total == 0 ? 0 : (double)BySubject[subject].Correct / BySubject[subject].Total;
}
