namespace Lens.Tokenization.PostProcessors;

/// <summary>
/// TemplateProcessing's <c>single</c> template, RobertaProcessing and BertProcessing: special ids and the
/// sequence ($A) in the listed order.
/// </summary>
internal sealed class TemplateProcessor(IReadOnlyList<int[]?> items) : IPostProcessor
{
    /// <summary>One entry per template item: the special ids, or null for the sequence.</summary>
    public IReadOnlyList<int[]?> Items { get; } = items;

    public IReadOnlyList<int> Leading =>
        Items.TakeWhile(i => i is not null).SelectMany(i => i!).ToArray();

    public List<int> Process(List<int> sequence)
    {
        var output = new List<int>(sequence.Count + 4);
        foreach (var item in Items)
        {
            if (item is null) output.AddRange(sequence);
            else output.AddRange(item);
        }
        return output;
    }
}
