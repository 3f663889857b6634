using Lens.Tokenization.Text;

namespace Lens.Tokenization.Normalizers;

internal sealed class ReplaceNormalizer(TextPattern pattern, string content) : INormalizer
{
    public string Normalize(string text) => pattern.Replace(text, content);
}
