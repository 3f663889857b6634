namespace Lens.Tokenization;

/// <summary>The template uses Jinja syntax this renderer does not implement (it never guesses).</summary>
public sealed class TemplateSyntaxNotSupportedException(string message) : NotSupportedException(message);
