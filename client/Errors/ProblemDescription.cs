namespace Lens.Client.Errors;

/// <summary>The problem+json an exception becomes: status, title and a detail that says what went wrong.</summary>
public sealed record ProblemDescription(int Status, string Title, string Detail);
