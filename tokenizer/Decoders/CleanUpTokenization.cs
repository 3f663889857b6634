namespace Lens.Tokenization.Decoders;

/// <summary>
/// transformers' legacy <c>clean_up_tokenization</c>, applied after decoding when tokenizer_config.json sets
/// <c>clean_up_tokenization_spaces</c>: removes the space before punctuation and English contractions.
/// </summary>
internal static class CleanUpTokenization
{
    public static string Apply(string text) => text
        .Replace(" .", ".", StringComparison.Ordinal)
        .Replace(" ?", "?", StringComparison.Ordinal)
        .Replace(" !", "!", StringComparison.Ordinal)
        .Replace(" ,", ",", StringComparison.Ordinal)
        .Replace(" ' ", "'", StringComparison.Ordinal)
        .Replace(" n't", "n't", StringComparison.Ordinal)
        .Replace(" 'm", "'m", StringComparison.Ordinal)
        .Replace(" 's", "'s", StringComparison.Ordinal)
        .Replace(" 've", "'ve", StringComparison.Ordinal)
        .Replace(" 're", "'re", StringComparison.Ordinal);

    /// <summary>
    /// Where a streamed text may be cut so that cleaning both parts equals cleaning the whole: at a space that
    /// is not the closing space of " ' " (every pattern starts with a space and holds no other, except that one).
    /// Returns the cut index, or 0 when no safe cut exists.
    /// </summary>
    public static int SafeCut(string text)
    {
        for (var k = text.Length - 1; k > 0; k--)
            if (text[k] == ' ' && !(k >= 2 && text[k - 1] == '\'' && text[k - 2] == ' ')) return k;
        return 0;
    }
}
