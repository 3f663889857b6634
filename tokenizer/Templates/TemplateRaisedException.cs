namespace Lens.Tokenization;

/// <summary>The template itself refused the input through <c>raise_exception(...)</c>.</summary>
public sealed class TemplateRaisedException(string message) : TemplateException(message);
