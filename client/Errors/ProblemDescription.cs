namespace Lens.Client.Errors;

/// <summary>
/// The problem+json an exception becomes: status, title, a detail that says what went wrong, and the request field it
/// concerns when there is one (<c>model</c> for a model that cannot be served).
/// </summary>
public sealed record ProblemDescription(int Status, string Title, string Detail, string? Field = null);
