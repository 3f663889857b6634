namespace Lens.Tokenization.Normalizers;

/// <summary>A tokenizer.json normalizer: rewrites one stretch of input text before pre-tokenization.</summary>
internal interface INormalizer
{
    string Normalize(string text);
}
