namespace Lens.Analyses;

/// <summary>One multiple-choice question; <see cref="Answer"/> is the 0-based index of the right choice.</summary>
public sealed record MmluItem(string Subject, string Question, IReadOnlyList<string> Choices, int Answer);
