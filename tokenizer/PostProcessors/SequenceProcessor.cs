namespace Lens.Tokenization.PostProcessors;

internal sealed class SequenceProcessor(IReadOnlyList<IPostProcessor> steps) : IPostProcessor
{
    public IReadOnlyList<int> Leading => steps.SelectMany(s => s.Leading).ToArray();

    public List<int> Process(List<int> sequence)
    {
        foreach (var step in steps) sequence = step.Process(sequence);
        return sequence;
    }
}
