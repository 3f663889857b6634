namespace Lens.Analyses;

/// <summary>One prompt's greedy response and whether it counted as a refusal.</summary>
public sealed record RefusalOutcome(string Prompt, string Response, bool Refused);
