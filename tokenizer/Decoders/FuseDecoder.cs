namespace Lens.Tokenization.Decoders;

internal sealed class FuseDecoder : IDecoder
{
    public void Decode(List<string> tokens, bool display)
    {
        var joined = string.Concat(tokens);
        tokens.Clear();
        tokens.Add(joined);
    }
}
