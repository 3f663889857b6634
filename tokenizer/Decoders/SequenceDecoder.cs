namespace Lens.Tokenization.Decoders;

internal sealed class SequenceDecoder(IReadOnlyList<IDecoder> steps) : IDecoder
{
    public void Decode(List<string> tokens, bool display)
    {
        foreach (var step in steps) step.Decode(tokens, display);
    }
}
