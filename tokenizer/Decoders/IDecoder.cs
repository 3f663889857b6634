namespace Lens.Tokenization.Decoders;

/// <summary>
/// A tokenizer.json decoder step: rewrites the token strings in place (tokenizers' decode_chain). With
/// <paramref name="display"/> the steps that only make sense at the start of a whole text (Strip, the leading
/// Metaspace) are skipped, so a single token can be shown on its own.
/// </summary>
internal interface IDecoder
{
    void Decode(List<string> tokens, bool display);
}
