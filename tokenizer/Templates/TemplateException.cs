namespace Lens.Tokenization;

/// <summary>A chat template that cannot be parsed or rendered; the message names the template line.</summary>
public class TemplateException(string message, Exception? inner = null) : InvalidOperationException(message, inner)
{
    internal static TemplateException At(int line, string problem) => new($"chat template line {line}: {problem}");
}
