namespace Lens.Tokenization.PostProcessors;

/// <summary>The ByteLevel post-processor, which only trims offsets and so leaves ids alone.</summary>
internal sealed class PassThroughProcessor : IPostProcessor
{
    public IReadOnlyList<int> Leading => [];
    public List<int> Process(List<int> sequence) => sequence;
}
